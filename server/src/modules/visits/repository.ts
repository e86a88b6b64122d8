import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AppointmentStatus, Database, EncounterStatus, ParticipantRole, VisitOutcome } from '../../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Everything the visit rules need about one appointment and its encounter. */
export interface VisitRow {
  appointment_id: string;
  appointment_status: AppointmentStatus;
  mode: 'video' | 'phone' | 'in_person';
  start_at: Date;
  end_at: Date;
  organization_id: string;
  organization_name: string;
  organization_phone: string;
  time_zone: string;
  org_settings: Record<string, unknown>;
  clinician_id: string;
  clinician_user_id: string | null;
  /** Staff the clinician lets admit patients for them. */
  delegate_user_ids: string[];
  clinician_name: string;
  licensed_states: string[];
  patient_id: string;
  patient_user_id: string | null;
  patient_name: string;
  patient_phone: string | null;
  visit_type_name: string;
  /** The interpreter the appointment needs (asked at booking and at check-in), or null. */
  interpreter_language: string | null;
  encounter_id: string;
  status: EncounterStatus;
  waiting_since: Date | null;
  admitted_at: Date | null;
  ended_at: Date | null;
  modality: 'video' | 'phone';
  video_connected_at: Date | null;
  phone_number: string | null;
  running_late_minutes: number | null;
  cant_connect_at: Date | null;
  outcome: VisitOutcome | null;
}

export interface CheckInRow {
  encounter_id: string;
  location_country: string;
  location_region: string | null;
  location_allowed: boolean;
  medications_confirmed: boolean;
  questions: string;
  contact_phone: string;
  insurance_confirmed: boolean;
  interpreter_language: string | null;
  checked_in_at: Date;
}

export interface ParticipantRow {
  id: string;
  encounter_id: string;
  role: ParticipantRole;
  user_id: string | null;
  guest_id: string | null;
  display_name: string;
  instance_id: string;
  admitted: boolean;
}

/** A visit's live-state column (live-repository.ts): JSON carries the check-in's time as text. */
export interface LiveJson {
  check_in: (Omit<CheckInRow, 'checked_in_at'> & { checked_in_at: string }) | null;
  participants: ParticipantRow[];
  waiting_line: string[];
  in_another_visit: boolean;
}

export interface EncounterChange {
  status?: EncounterStatus;
  waiting_since?: Date | null;
  admitted_at?: Date | null;
  ended_at?: Date | null;
  modality?: 'video' | 'phone';
  video_connected_at?: Date;
  phone_number?: string | null;
  running_late_minutes?: number | null;
  cant_connect_at?: Date | null;
  outcome?: VisitOutcome | null;
}

/** Encounters, check-ins and live participants. SQL only. */
export class VisitRepository {
  constructor(readonly db: Db) {}

  with(db: Db): VisitRepository {
    return new VisitRepository(db);
  }

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: VisitRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new VisitRepository(trx), trx));
  }

  /** Creates the encounter for a video or phone appointment the first time anyone opens the visit. */
  async ensureEncounter(appointmentId: string): Promise<void> {
    await sql`
      INSERT INTO encounters (appointment_id, organization_id, patient_id, clinician_id)
      SELECT a.id, a.organization_id, a.patient_id, a.clinician_id FROM appointments a
      WHERE a.id = ${appointmentId} AND a.mode IN ('video', 'phone')
      ON CONFLICT (appointment_id) DO NOTHING`.execute(this.db);
  }

  private visitQuery() {
    return this.db
      .selectFrom('appointments as a')
      .innerJoin('encounters as e', 'e.appointment_id', 'a.id')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .innerJoin('clinicians as c', 'c.id', 'a.clinician_id')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .innerJoin('visit_types as vt', 'vt.id', 'a.visit_type_id')
      .select([
        'a.id as appointment_id',
        'a.status as appointment_status',
        'a.mode',
        'a.start_at',
        'a.end_at',
        'a.organization_id',
        'o.name as organization_name',
        'o.tech_help_phone as organization_phone',
        'o.time_zone',
        'o.settings as org_settings',
        'a.clinician_id',
        'c.user_id as clinician_user_id',
        sql<
          string[]
        >`coalesce((select array_agg(d.user_id::text) from clinician_delegates d where d.clinician_id = a.clinician_id), '{}'::text[])`.as(
          'delegate_user_ids',
        ),
        sql<string>`concat_ws(' ', c.given_name, c.family_name)`.as('clinician_name'),
        'c.licensed_states',
        'a.patient_id',
        'p.user_id as patient_user_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        'p.phone as patient_phone',
        'vt.name as visit_type_name',
        'a.interpreter_language',
        'e.id as encounter_id',
        'e.status',
        'e.waiting_since',
        'e.admitted_at',
        'e.ended_at',
        'e.modality',
        'e.video_connected_at',
        'e.phone_number',
        'e.running_late_minutes',
        'e.cant_connect_at',
        'e.outcome',
      ]);
  }

  visit(appointmentId: string, lock = false): Promise<VisitRow | undefined> {
    let q = this.visitQuery().where('a.id', '=', appointmentId);
    if (lock) q = q.forUpdate('e');
    return q.executeTakeFirst();
  }

  /** The visit's row and, in the same statement, its live state (`live`, from live-repository.ts). */
  visitAndLive(
    appointmentId: string,
    live: RawBuilder<LiveJson>,
  ): Promise<(VisitRow & { live: LiveJson }) | undefined> {
    return this.visitQuery().select(live.as('live')).where('a.id', '=', appointmentId).executeTakeFirst();
  }

  visitByEncounter(encounterId: string): Promise<VisitRow | undefined> {
    return this.visitQuery().where('e.id', '=', encounterId).executeTakeFirst();
  }

  /** Video and phone visits in a time range, for a clinician or a whole organization. */
  async day(f: { organizationId: string | null; clinicianId?: string; from: Date; to: Date }): Promise<VisitRow[]> {
    const appointments = this.db
      .selectFrom('appointments')
      .select('id')
      .where('mode', 'in', ['video', 'phone'])
      .where('start_at', '>=', f.from)
      .where('start_at', '<', f.to)
      .where('status', '!=', 'entered-in-error');
    const scoped = f.organizationId ? appointments.where('organization_id', '=', f.organizationId) : appointments;
    const ids = (await (f.clinicianId ? scoped.where('clinician_id', '=', f.clinicianId) : scoped).execute()).map(
      (r) => r.id,
    );
    if (ids.length === 0) return [];
    for (const id of ids) await this.ensureEncounter(id);
    return this.visitQuery().where('a.id', 'in', ids).orderBy('a.start_at').execute();
  }

  async update(encounterId: string, change: EncounterChange, actorUserId: string | null, note = ''): Promise<void> {
    await this.db
      .updateTable('encounters')
      .set({ ...change, updated_at: sql<Date>`now()` })
      .where('id', '=', encounterId)
      .execute();
    if (change.status) {
      await this.db
        .insertInto('encounter_status_history')
        .values({ encounter_id: encounterId, status: change.status, actor_user_id: actorUserId, note })
        .execute();
    }
  }

  async setAppointmentStatus(
    appointmentId: string,
    status: AppointmentStatus,
    actorUserId: string | null,
  ): Promise<void> {
    const before = await this.db
      .updateTable('appointments')
      .set({ status, updated_at: sql<Date>`now()` })
      .where('id', '=', appointmentId)
      .returning('status')
      .executeTakeFirst();
    if (!before) return;
    await this.db
      .insertInto('appointment_events')
      .values({
        appointment_id: appointmentId,
        actor_user_id: actorUserId,
        action: `visit.${status}`,
        to_status: status,
      })
      .execute();
  }

  statusHistory(encounterId: string): Promise<{ status: string; at: Date }[]> {
    return this.db
      .selectFrom('encounter_status_history')
      .select(['status', 'at'])
      .where('encounter_id', '=', encounterId)
      .orderBy('id')
      .execute();
  }

  checkIn(encounterId: string): Promise<CheckInRow | undefined> {
    return this.db
      .selectFrom('visit_check_ins')
      .select([
        'encounter_id',
        'location_country',
        'location_region',
        'location_allowed',
        'medications_confirmed',
        'questions',
        'contact_phone',
        'insurance_confirmed',
        'interpreter_language',
        'checked_in_at',
      ])
      .where('encounter_id', '=', encounterId)
      .executeTakeFirst();
  }

  async checkIns(encounterIds: string[]): Promise<Map<string, CheckInRow>> {
    if (encounterIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('visit_check_ins')
      .selectAll()
      .where('encounter_id', 'in', encounterIds)
      .execute();
    return new Map(rows.map((r) => [r.encounter_id, r]));
  }

  /** Saves (or replaces: a patient may check in again, e.g. after moving) the check-in answers. */
  async saveCheckIn(
    row: Omit<CheckInRow, 'checked_in_at'> & { consent_version: string; checked_in_by: string },
  ): Promise<void> {
    const values = { ...row, consent_accepted_at: new Date(), checked_in_at: new Date() };
    // The answer is the appointment's too (the day list and invitations read it there), in the
    // same statement, so the two never disagree.
    await this.db
      .with('appointment', (db) =>
        db
          .updateTable('appointments')
          .set({ interpreter_language: row.interpreter_language })
          .where('id', 'in', (q) =>
            q.selectFrom('encounters').select('appointment_id').where('id', '=', row.encounter_id),
          ),
      )
      .insertInto('visit_check_ins')
      .values(values)
      .onConflict((oc) => oc.column('encounter_id').doUpdateSet(values))
      .execute();
  }

  async organizationZone(organizationId: string | null): Promise<string> {
    if (!organizationId) return 'America/New_York';
    const row = await this.db
      .selectFrom('organizations')
      .select('time_zone')
      .where('id', '=', organizationId)
      .executeTakeFirst();
    return row?.time_zone ?? 'America/New_York';
  }

  delegates(clinicianId: string) {
    return this.db
      .selectFrom('clinician_delegates as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['u.id as user_id', 'u.email', 'u.given_name', 'u.family_name'])
      .where('d.clinician_id', '=', clinicianId)
      .orderBy('u.family_name')
      .execute();
  }

  async addDelegate(clinicianId: string, userId: string): Promise<void> {
    await this.db
      .insertInto('clinician_delegates')
      .values({ clinician_id: clinicianId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeDelegate(clinicianId: string, userId: string): Promise<number> {
    const r = await this.db
      .deleteFrom('clinician_delegates')
      .where('clinician_id', '=', clinicianId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** An active staff account of the organization, found by email. */
  staffByEmail(organizationId: string, email: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'email', 'given_name', 'family_name'])
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'staff')
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`lower(email) = lower(${email})`)
      .executeTakeFirst();
  }

  async clinicianIdOfUser(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('clinicians').select('id').where('user_id', '=', userId).executeTakeFirst();
    return row?.id;
  }
}
