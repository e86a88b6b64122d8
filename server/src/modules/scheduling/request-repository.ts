import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppointmentScope } from './repository.js';

/** Appointment requests (for clinicians who do not take self-scheduled visits). SQL only. */
export class RequestRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: RequestRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new RequestRepository(trx), trx));
  }

  async insertRequest(r: {
    organizationId: string;
    patientId: string;
    clinicianId: string;
    visitTypeId: string | null;
    preferredTimes: string;
    reason: string;
    createdBy: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('appointment_requests')
      .values({
        organization_id: r.organizationId,
        patient_id: r.patientId,
        clinician_id: r.clinicianId,
        visit_type_id: r.visitTypeId,
        preferred_times: r.preferredTimes,
        reason: r.reason,
        created_by: r.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private requestQuery() {
    return this.db
      .selectFrom('appointment_requests as r')
      .innerJoin('clinicians as c', 'c.id', 'r.clinician_id')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .select([
        'r.id',
        'r.status',
        'r.patient_id',
        'r.organization_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        'r.clinician_id',
        sql<string>`concat_ws(' ', c.given_name, c.family_name)`.as('clinician_name'),
        'r.visit_type_id',
        'r.preferred_times',
        'r.reason',
        'r.staff_message',
        'r.appointment_id',
        'r.created_at',
      ]);
  }

  requests(scope: AppointmentScope, status?: string) {
    let q = this.requestQuery();
    if (scope.kind === 'patient') q = q.where('r.patient_id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('r.organization_id', '=', scope.organizationId);
    if (status) q = q.where('r.status', '=', status as 'pending');
    return q.orderBy('r.created_at', 'desc').limit(500).execute();
  }

  request(id: string, scope: AppointmentScope, lock = false) {
    let q = this.requestQuery().where('r.id', '=', id);
    if (scope.kind === 'patient') q = q.where('r.patient_id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('r.organization_id', '=', scope.organizationId);
    if (lock) q = q.forUpdate('r');
    return q.executeTakeFirst();
  }

  async decideRequest(
    id: string,
    d: { status: 'booked' | 'declined'; message: string | null; appointmentId: string | null; decidedBy: string },
  ): Promise<void> {
    await this.db
      .updateTable('appointment_requests')
      .set({
        status: d.status,
        staff_message: d.message,
        appointment_id: d.appointmentId,
        decided_by: d.decidedBy,
        decided_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }
}
