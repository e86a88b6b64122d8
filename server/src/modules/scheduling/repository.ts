import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppointmentStatus, Database, VisitMode } from '../../db/schema.js';
import { retryTransient } from '../../lib/pg-errors.js';

export type Db = Kysely<Database> | Transaction<Database>;

export const ACTIVE_STATUSES: AppointmentStatus[] = ['pending', 'booked', 'arrived', 'checked-in'];

export interface ClinicianScheduling {
  id: string;
  organization_id: string;
  time_zone: string;
  org_settings: Record<string, unknown>;
  org_name: string;
  org_phone: string;
  self_scheduling: boolean;
  visit_modes: VisitMode[];
  active: boolean;
  name: string;
}

export interface VisitTypeRow {
  id: string;
  clinician_id: string;
  name: string;
  mode: VisitMode;
  duration_minutes: number;
  buffer_minutes: number;
  new_patient: boolean;
  active: boolean;
}

export interface AppointmentRow {
  id: string;
  organization_id: string;
  organization_name: string;
  organization_phone: string;
  time_zone: string;
  org_settings: Record<string, unknown>;
  clinician_id: string;
  clinician_name: string;
  patient_id: string;
  patient_name: string;
  visit_type_id: string;
  visit_type_name: string;
  mode: VisitMode;
  status: AppointmentStatus;
  start_at: Date;
  end_at: Date;
  reason: string;
  cancel_reason: string | null;
  interpreter_language: string | null;
}

/** Which appointments a caller may see: one patient's, one organization's, or all. */
export type AppointmentScope =
  { kind: 'patient'; patientId: string } | { kind: 'organization'; organizationId: string } | { kind: 'all' };

/** Templates, exceptions, appointments and requests. SQL only. */
/** What a new appointment row is made of, booked or rescheduled. */
export interface AppointmentFields {
  organizationId: string;
  clinicianId: string;
  patientId: string;
  visitTypeId: string;
  mode: VisitMode;
  start: Date;
  end: Date;
  busyUntil: Date;
  reason: string;
  createdBy: string;
  interpreterLanguage: string | null;
}

export class SchedulingRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (repo: SchedulingRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return retryTransient(() => this.db.transaction().execute((trx) => fn(new SchedulingRepository(trx), trx)));
  }

  clinician(id: string): Promise<ClinicianScheduling | undefined> {
    return this.db
      .selectFrom('clinicians as c')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .select([
        'c.id',
        'c.organization_id',
        'o.time_zone',
        'o.settings as org_settings',
        'o.name as org_name',
        'o.tech_help_phone as org_phone',
        'c.self_scheduling',
        'c.visit_modes',
        'c.active',
        sql<string>`concat_ws(' ', c.given_name, c.family_name)`.as('name'),
      ])
      .where('c.id', '=', id)
      .executeTakeFirst();
  }

  activeClinicianIds(): Promise<{ id: string }[]> {
    return this.db.selectFrom('clinicians').select('id').where('active', '=', true).execute();
  }

  visitTypes(clinicianId: string, includeInactive = false): Promise<VisitTypeRow[]> {
    let q = this.db.selectFrom('visit_types').selectAll().where('clinician_id', '=', clinicianId);
    if (!includeInactive) q = q.where('active', '=', true);
    return q.orderBy('duration_minutes', 'desc').orderBy('name').execute();
  }

  visitType(id: string): Promise<VisitTypeRow | undefined> {
    return this.db.selectFrom('visit_types').selectAll().where('id', '=', id).executeTakeFirst();
  }

  weekly(clinicianId: string) {
    return this.db
      .selectFrom('working_hours')
      .select(['weekday', 'start_time', 'end_time'])
      .where('clinician_id', '=', clinicianId)
      .orderBy('weekday')
      .orderBy('start_time')
      .execute();
  }

  exceptions(clinicianId: string, fromDate: string, toDate: string) {
    return this.db
      .selectFrom('schedule_exceptions')
      .select(['id', 'on_date', 'kind', 'start_time', 'end_time', 'note'])
      .where('clinician_id', '=', clinicianId)
      .where('on_date', '>=', fromDate)
      .where('on_date', '<=', toDate)
      .orderBy('on_date')
      .execute();
  }

  async holidays(organizationId: string, fromDate: string, toDate: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('holidays')
      .select('on_date')
      .where('organization_id', '=', organizationId)
      .where('on_date', '>=', fromDate)
      .where('on_date', '<=', toDate)
      .execute();
    return rows.map((r) => r.on_date);
  }

  /** Busy intervals of a clinician overlapping [from, to), optionally ignoring one appointment. */
  busy(clinicianId: string, from: Date, to: Date, ignoreId?: string) {
    let q = this.db
      .selectFrom('appointments')
      .select(['start_at as start', 'busy_until as end'])
      .where('clinician_id', '=', clinicianId)
      .where('status', 'in', ACTIVE_STATUSES)
      .where('start_at', '<', to)
      .where('busy_until', '>', from);
    if (ignoreId) q = q.where('id', '!=', ignoreId);
    return q.execute();
  }

  async insertAppointment(a: AppointmentFields & { rescheduledFrom?: string }): Promise<string> {
    const row = await this.db
      .insertInto('appointments')
      .values({
        organization_id: a.organizationId,
        clinician_id: a.clinicianId,
        patient_id: a.patientId,
        visit_type_id: a.visitTypeId,
        mode: a.mode,
        status: 'booked',
        start_at: a.start,
        end_at: a.end,
        busy_until: a.busyUntil,
        reason: a.reason,
        created_by: a.createdBy,
        rescheduled_from: a.rescheduledFrom ?? null,
        interpreter_language: a.interpreterLanguage ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async setStatus(id: string, status: AppointmentStatus, extra: { cancelReason?: string } = {}): Promise<void> {
    await this.db
      .updateTable('appointments')
      .set({
        status,
        updated_at: new Date(),
        ...(status === 'cancelled' ? { cancelled_at: new Date(), cancel_reason: extra.cancelReason ?? null } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async event(e: {
    appointmentId: string;
    actorUserId: string | null;
    action: string;
    from: string | null;
    to: string;
    detail?: Record<string, string>;
  }): Promise<void> {
    await this.db
      .insertInto('appointment_events')
      .values({
        appointment_id: e.appointmentId,
        actor_user_id: e.actorUserId,
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        detail: JSON.stringify(e.detail ?? {}),
      })
      .execute();
  }

  private appointmentQuery() {
    return this.db
      .selectFrom('appointments as a')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .innerJoin('clinicians as c', 'c.id', 'a.clinician_id')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .innerJoin('visit_types as vt', 'vt.id', 'a.visit_type_id')
      .select([
        'a.id',
        'a.organization_id',
        'o.name as organization_name',
        'o.tech_help_phone as organization_phone',
        'o.time_zone',
        'o.settings as org_settings',
        'a.clinician_id',
        sql<string>`concat_ws(' ', c.given_name, c.family_name)`.as('clinician_name'),
        'a.patient_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        'a.visit_type_id',
        'vt.name as visit_type_name',
        'a.mode',
        'a.status',
        'a.start_at',
        'a.end_at',
        'a.reason',
        'a.cancel_reason',
        'a.interpreter_language',
      ]);
  }

  /** One appointment inside a scope; outside it, it is simply not found. */
  appointment(id: string, scope: AppointmentScope, lock = false): Promise<AppointmentRow | undefined> {
    let q = this.appointmentQuery().where('a.id', '=', id);
    if (scope.kind === 'patient') q = q.where('a.patient_id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('a.organization_id', '=', scope.organizationId);
    if (lock) q = q.forUpdate('a');
    return q.executeTakeFirst();
  }

  forPatient(patientId: string): Promise<AppointmentRow[]> {
    return this.appointmentQuery()
      .where('a.patient_id', '=', patientId)
      .where('a.status', '!=', 'entered-in-error')
      .orderBy('a.start_at')
      .execute();
  }

  forOrganization(f: {
    organizationId: string | null;
    from: Date;
    to: Date;
    clinicianId?: string;
    patientId?: string;
  }): Promise<AppointmentRow[]> {
    let q = this.appointmentQuery().where('a.start_at', '>=', f.from).where('a.start_at', '<', f.to);
    if (f.organizationId) q = q.where('a.organization_id', '=', f.organizationId);
    if (f.clinicianId) q = q.where('a.clinician_id', '=', f.clinicianId);
    if (f.patientId) q = q.where('a.patient_id', '=', f.patientId);
    return q.orderBy('a.start_at').limit(1000).execute();
  }

  /** Contact facts needed to send a notice; no clinical content. */
  async patientContact(patientId: string): Promise<{ email: string | null; organization_id: string } | undefined> {
    return this.db
      .selectFrom('patients as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select([sql<string | null>`coalesce(u.email, p.email)`.as('email'), 'p.organization_id'])
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  async organizationTimeZone(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('organizations').select('time_zone').where('id', '=', id).executeTakeFirst())
      ?.time_zone;
  }

  async patientOrganization(patientId: string): Promise<string | undefined> {
    return (
      await this.db.selectFrom('patients').select('organization_id').where('id', '=', patientId).executeTakeFirst()
    )?.organization_id;
  }
}
