import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AdministrativeSex } from '../../db/tables/profile.js';
import type { ProfileChanges } from './validate.js';

export interface ProfileRow {
  id: string;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  birth_date: string;
  preferred_name: string | null;
  pronouns: string | null;
  sex: AdministrativeSex | null;
  email: string | null;
  phone: string | null;
  mobile_phone: string | null;
  visit_phone: string | null;
  preferred_language: string;
  address_line1: string | null;
  address_line2: string | null;
  address_city: string | null;
  address_region: string | null;
  address_postal_code: string | null;
  address_country: string;
  updated_at: Date;
  organization_name: string;
  tech_help_phone: string;
  billing_phone: string;
  settings: Record<string, unknown>;
}

export interface AccessRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  outcome: 'allowed' | 'denied' | 'failed';
  given_name: string | null;
  family_name: string | null;
  credentials: string | null;
}

/** Patient demographics and contact details, and the audit trail as the patient reads it. SQL only. */
export class ProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: ProfileRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new ProfileRepository(trx), trx));
  }

  /** One patient with their organization's phone numbers; `organizationId` limits it to one organization. */
  profile(patientId: string, organizationId?: string): Promise<ProfileRow | undefined> {
    let q = this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select([
        'p.id',
        'p.organization_id',
        'p.user_id',
        'p.given_name',
        'p.family_name',
        'p.birth_date',
        'p.preferred_name',
        'p.pronouns',
        'p.sex',
        'p.email',
        'p.phone',
        'p.mobile_phone',
        'p.visit_phone',
        'p.preferred_language',
        'p.address_line1',
        'p.address_line2',
        'p.address_city',
        'p.address_region',
        'p.address_postal_code',
        'p.address_country',
        'p.updated_at',
        'o.name as organization_name',
        'o.tech_help_phone',
        'o.billing_phone',
        'o.settings',
      ])
      .where('p.id', '=', patientId);
    if (organizationId) q = q.where('p.organization_id', '=', organizationId);
    return q.executeTakeFirst();
  }

  async update(patientId: string, changes: ProfileChanges, now: Date): Promise<void> {
    await this.db
      .updateTable('patients')
      .set({ ...changes, updated_at: now })
      .where('id', '=', patientId)
      .execute();
  }

  /**
   * Audit events about one patient, newest first, with who did them. `excludeUserId` leaves out
   * one account's own actions (the patient's, unless they ask for them).
   */
  accessLog(
    patientId: string,
    opts: { beforeId?: string; limit: number; excludeUserId?: string | null },
  ): Promise<AccessRow[]> {
    let q = this.db
      .selectFrom('audit_events as ae')
      .leftJoin('users as u', 'u.id', 'ae.actor_user_id')
      .leftJoin('clinicians as c', 'c.user_id', 'ae.actor_user_id')
      .select([
        'ae.id',
        'ae.at',
        'ae.actor_user_id',
        'ae.actor_role',
        'ae.action',
        'ae.entity_type',
        'ae.outcome',
        'u.given_name',
        'u.family_name',
        'c.credentials',
      ])
      .where('ae.patient_id', '=', patientId);
    const exclude = opts.excludeUserId;
    if (exclude) {
      q = q.where((eb) => eb.or([eb('ae.actor_user_id', 'is', null), eb('ae.actor_user_id', '<>', exclude)]));
    }
    if (opts.beforeId) q = q.where('ae.id', '<', sql<string>`${opts.beforeId}::bigint`);
    return q.orderBy('ae.id', 'desc').limit(opts.limit).execute();
  }
}
