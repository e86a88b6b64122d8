import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface PatientRow {
  id: string;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  preferred_language: string;
  mrn: string;
}

const COLUMNS = [
  'id',
  'organization_id',
  'user_id',
  'given_name',
  'family_name',
  'birth_date',
  'email',
  'phone',
  'preferred_language',
  'mrn',
] as const;

/** Scope a query must stay inside: one patient, or one organization's patients. */
export type PatientScope =
  { kind: 'self'; patientId: string } | { kind: 'organization'; organizationId: string } | { kind: 'all' };

export class PatientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `fn` in one transaction: a repository bound to it, and the transaction for the audit row. */
  transaction<T>(fn: (repo: PatientRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new PatientRepository(trx), trx));
  }

  /** Reads one patient inside the caller's scope; outside it, the row simply is not found. */
  get(id: string, scope: PatientScope): Promise<PatientRow | undefined> {
    let q = this.db.selectFrom('patients').select(COLUMNS).where('id', '=', id);
    if (scope.kind === 'self') q = q.where('id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('organization_id', '=', scope.organizationId);
    return q.executeTakeFirst();
  }

  /** One patient by medical record number (9 digits), inside the caller's scope. */
  byMrn(mrn: string, scope: PatientScope): Promise<PatientRow[]> {
    let q = this.db.selectFrom('patients').select(COLUMNS).where('mrn', '=', mrn);
    if (scope.kind === 'self') q = q.where('id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('organization_id', '=', scope.organizationId);
    return q.execute();
  }

  search(text: string | undefined, scope: PatientScope, limit: number): Promise<PatientRow[]> {
    let q = this.db.selectFrom('patients').select(COLUMNS);
    if (scope.kind === 'self') q = q.where('id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('organization_id', '=', scope.organizationId);
    const words = (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 4);
    for (const word of words) {
      const like = `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('given_name', 'ilike', like), eb('family_name', 'ilike', like), eb('email', 'ilike', like)]),
      );
    }
    return q.orderBy('family_name').orderBy('given_name').limit(limit).execute();
  }

  insert(p: {
    organizationId: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    email: string | null;
    phone: string | null;
    preferredLanguage: string;
  }): Promise<PatientRow> {
    return this.db
      .insertInto('patients')
      .values({
        organization_id: p.organizationId,
        given_name: p.givenName,
        family_name: p.familyName,
        birth_date: p.birthDate,
        email: p.email,
        phone: p.phone,
        preferred_language: p.preferredLanguage,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  }
}
