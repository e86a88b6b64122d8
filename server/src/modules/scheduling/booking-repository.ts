import { sql, type RawBuilder } from 'kysely';
import {
  ACTIVE_STATUSES,
  type AppointmentFields,
  type ClinicianScheduling,
  type Db,
  type VisitTypeRow,
} from './repository.js';

/** Everything the open times of a clinician's dates depend on, read in one statement. */
export interface DayFacts {
  weekly: { weekday: number; start: string; end: string }[];
  exceptions: { date: string; kind: 'time_off' | 'extra_hours'; start: string | null; end: string | null }[];
  holidays: string[];
  busy: { start: Date; end: Date }[];
}

/** The clinician, one visit type (if it is theirs) and, when asked, the patient's name: one statement. */
export interface BookingContextRow {
  clinician: ClinicianScheduling | undefined;
  visitType: VisitTypeRow | undefined;
  patientName: string | null;
}

/** One new appointment as booked by a patient or staff (not a reschedule). */
export interface NewBooking extends AppointmentFields {
  id: string;
}

type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
/** The first key of the advisory lock a booking takes per clinician (the second is the clinician's id, hashed). */
const ADVISORY_CLINICIAN = 6_001;
const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

/** The hot path of booking: its reads and its one write statement. SQL only. */
export class BookingRepository {
  constructor(private readonly db: Db) {}

  async context(clinicianId: string, visitTypeId: string, patientId?: string): Promise<BookingContextRow> {
    const result = await sql<{
      clinician: Json<ClinicianScheduling> | null;
      visit_type: Json<VisitTypeRow> | null;
      patient_name: string | null;
    }>`
      SELECT
        (SELECT json_build_object('id', c.id, 'organization_id', c.organization_id, 'time_zone', o.time_zone,
            'org_settings', o.settings, 'org_name', o.name, 'org_phone', o.tech_help_phone,
            'self_scheduling', c.self_scheduling, 'visit_modes', c.visit_modes, 'active', c.active,
            'name', concat_ws(' ', c.given_name, c.family_name))
           FROM clinicians c JOIN organizations o ON o.id = c.organization_id WHERE c.id = ${clinicianId}) AS clinician,
        (SELECT row_to_json(v) FROM visit_types v WHERE v.id = ${visitTypeId}) AS visit_type,
        (SELECT concat_ws(' ', p.given_name, p.family_name) FROM patients p WHERE p.id = ${patientId ?? null}::uuid)
          AS patient_name`.execute(this.db);
    const row = result.rows[0];
    return {
      clinician: row?.clinician ? parsed(row.clinician) : undefined,
      visitType: row?.visit_type ? parsed(row.visit_type) : undefined,
      patientName: row?.patient_name ?? null,
    };
  }

  /**
   * Weekly hours, the date exceptions and holidays of local dates [fromDate, toDate], and the
   * clinician's busy times overlapping [from, to) (optionally without one appointment).
   */
  async facts(f: {
    clinicianId: string;
    organizationId: string;
    fromDate: string;
    toDate: string;
    from: Date;
    to: Date;
    ignoreAppointment?: string | undefined;
    withBusy: boolean;
  }): Promise<DayFacts> {
    const busy = f.withBusy
      ? sql`(SELECT coalesce(json_agg(json_build_object('start', a.start_at, 'end', a.busy_until)), '[]')
           FROM appointments a
          WHERE a.clinician_id = ${f.clinicianId} AND a.status IN (${active})
            AND a.start_at < ${f.to} AND a.busy_until > ${f.from}
            AND a.id IS DISTINCT FROM ${f.ignoreAppointment ?? null}::uuid)`
      : sql`'[]'::json`;
    const result = await sql<{
      weekly: Json<DayFacts['weekly']>;
      exceptions: Json<DayFacts['exceptions']>;
      holidays: Json<string[]>;
      busy: Json<{ start: string; end: string }[]>;
    }>`
      SELECT
        (SELECT coalesce(json_agg(json_build_object('weekday', w.weekday, 'start', w.start_time, 'end', w.end_time)
                  ORDER BY w.weekday, w.start_time), '[]')
           FROM working_hours w WHERE w.clinician_id = ${f.clinicianId}) AS weekly,
        (SELECT coalesce(json_agg(json_build_object('date', e.on_date, 'kind', e.kind, 'start', e.start_time,
                  'end', e.end_time) ORDER BY e.on_date), '[]')
           FROM schedule_exceptions e
          WHERE e.clinician_id = ${f.clinicianId} AND e.on_date BETWEEN ${f.fromDate}::date AND ${f.toDate}::date)
          AS exceptions,
        (SELECT coalesce(json_agg(h.on_date), '[]') FROM holidays h
          WHERE h.organization_id = ${f.organizationId} AND h.on_date BETWEEN ${f.fromDate}::date AND ${f.toDate}::date)
          AS holidays,
        ${busy} AS busy`.execute(this.db);
    const row = result.rows[0];
    if (!row) throw new Error('the facts query returned no row');
    return {
      weekly: parsed(row.weekly),
      exceptions: parsed(row.exceptions),
      holidays: parsed(row.holidays),
      busy: parsed(row.busy).map((b) => ({ start: new Date(b.start), end: new Date(b.end) })),
    };
  }

  /**
   * The booking's writes in one statement: the Idempotency-Key's claim (already holding its
   * answer) first — the appointment is inserted from its row, so a concurrent duplicate still
   * waits on the key, not on the clinician's exclusion constraint — then the appointment under
   * the exclusion constraints, its `book` event, and the jobs. Run inside the booking's transaction.
   *
   * Between the claim and the insert, the transaction queues on the clinician's advisory lock
   * (held until it ends): bookings of one clinician then meet the exclusion constraint one at a
   * time, and a loser finds the winner committed and fails at once. Without it, the in-progress
   * rows of a burst for one slot wait on one another and PostgreSQL breaks the cycles only after
   * `deadlock_timeout` (a second each). The constraint still decides; the lock only orders.
   */
  async book(b: NewBooking, claim: RawBuilder<unknown> | null, jobs: RawBuilder<unknown> | null): Promise<void> {
    await sql`
      WITH claim AS (${claim ?? sql`SELECT 1`}),
      queued AS (
        SELECT pg_advisory_xact_lock(${ADVISORY_CLINICIAN}, hashtext(${b.clinicianId})) FROM claim
      ),
      appt AS (
        INSERT INTO appointments (id, organization_id, clinician_id, patient_id, visit_type_id, mode, status,
          start_at, end_at, busy_until, reason, created_by, interpreter_language)
        SELECT ${b.id}::uuid, ${b.organizationId}::uuid, ${b.clinicianId}::uuid, ${b.patientId}::uuid,
          ${b.visitTypeId}::uuid, ${b.mode}, 'booked', ${b.start}::timestamptz, ${b.end}::timestamptz,
          ${b.busyUntil}::timestamptz, ${b.reason}, ${b.createdBy}::uuid, ${b.interpreterLanguage}
        FROM (SELECT count(*) FROM queued) AS claimed_and_queued
        RETURNING id
      ),
      event AS (
        INSERT INTO appointment_events (appointment_id, actor_user_id, action, from_status, to_status, detail)
        SELECT id, ${b.createdBy}::uuid, 'book', NULL, 'booked', '{}'::jsonb FROM appt
      )${jobs ? sql`, jobs AS (${jobs})` : sql``}
      SELECT id FROM appt`.execute(this.db);
  }
}
