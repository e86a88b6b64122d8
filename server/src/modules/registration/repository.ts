import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RegistrationStatus, RegistrationsTable } from '../../db/tables/registration.js';

export type RegistrationRow = Selectable<RegistrationsTable>;
export type NewRegistration = Insertable<RegistrationsTable>;

/** What a new patient record is made of (the MRN comes from the column default). */
export interface NewPatient {
  organization_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: RegistrationRow['sex'];
  email: string | null;
  phone: string | null;
  preferred_language: string;
  address_line1: string | null;
  address_line2: string | null;
  address_city: string | null;
  address_region: string | null;
  address_postal_code: string | null;
  address_country: string;
}

export interface CandidateRow {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  mobile_phone: string | null;
  user_id: string | null;
}

/** Registrations a caller may see: one organization's, or all (admins). */
export type RegistrationScope = { kind: 'organization'; organizationId: string } | { kind: 'all' };

const CANDIDATE_COLUMNS = [
  'id',
  'mrn',
  'given_name',
  'family_name',
  'birth_date',
  'email',
  'phone',
  'mobile_phone',
  'user_id',
] as const;

/** SQL for registrations and the patient records they create. No rules here. */
export class RegistrationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  transaction<T>(fn: (repo: RegistrationRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new RegistrationRepository(trx), trx));
  }

  /** Patients of one organization born on one day: the pool a duplicate can come from. */
  patientsBornOn(organizationId: string, birthDate: string): Promise<CandidateRow[]> {
    return this.db
      .selectFrom('patients')
      .select(CANDIDATE_COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('birth_date', '=', birthDate)
      .limit(500)
      .execute();
  }

  patientsByIds(ids: string[]): Promise<CandidateRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('patients').select(CANDIDATE_COLUMNS).where('id', 'in', ids).execute();
  }

  async insertPatient(p: NewPatient): Promise<{ id: string; mrn: string }> {
    return this.db.insertInto('patients').values(p).returning(['id', 'mrn']).executeTakeFirstOrThrow();
  }

  insert(r: NewRegistration): Promise<RegistrationRow> {
    return this.db.insertInto('registrations').values(r).returningAll().executeTakeFirstOrThrow();
  }

  get(id: string, scope: RegistrationScope): Promise<RegistrationRow | undefined> {
    let q = this.db.selectFrom('registrations').selectAll().where('id', '=', id);
    if (scope.kind === 'organization') q = q.where('organization_id', '=', scope.organizationId);
    return q.executeTakeFirst();
  }

  list(scope: RegistrationScope, status: RegistrationStatus, limit = 100): Promise<RegistrationRow[]> {
    let q = this.db.selectFrom('registrations').selectAll().where('status', '=', status);
    if (scope.kind === 'organization') q = q.where('organization_id', '=', scope.organizationId);
    return q.orderBy('created_at', 'asc').limit(limit).execute();
  }

  /** Records a decision once: a registration already decided is left alone and undefined returned. */
  decide(
    id: string,
    decision: { status: 'confirmed' | 'merged'; patientId: string; userId: string },
  ): Promise<RegistrationRow | undefined> {
    return this.db
      .updateTable('registrations')
      .set({
        status: decision.status,
        patient_id: decision.patientId,
        decided_by: decision.userId,
        decided_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', '=', 'possible_duplicate')
      .returningAll()
      .executeTakeFirst();
  }

  mrnOf(patientIds: string[]): Promise<{ id: string; mrn: string }[]> {
    if (patientIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('patients').select(['id', 'mrn']).where('id', 'in', patientIds).execute();
  }
}
