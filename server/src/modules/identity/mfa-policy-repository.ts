import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, UsersTable } from '../../db/schema.js';

export interface PolicyOrganizationRow {
  id: string;
  name: string;
  /** null: the organization follows PORTICO_MFA_REQUIRED_ROLES. */
  mfa_required_roles: string[] | null;
}

export interface RoleEnrollmentRow {
  role: UsersTable['role'];
  people: number;
  not_enrolled: number;
}

export interface UnenrolledRow {
  id: string;
  role: UsersTable['role'];
  given_name: string;
  family_name: string;
  email: string;
}

/** An account counts as enrolled with a confirmed authenticator app or at least one passkey. */
const ENROLLED = sql<boolean>`(exists (select 1 from mfa_totp t where t.user_id = u.id and t.confirmed_at is not null)
  or exists (select 1 from webauthn_credentials w where w.user_id = u.id))`;

/** An organization's second-factor policy and who has not enrolled yet. SQL only. */
export class MfaPolicyRepository {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(fn: (repo: MfaPolicyRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new MfaPolicyRepository(trx), trx));
  }

  organization(id: string): Promise<PolicyOrganizationRow | undefined> {
    return this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'mfa_required_roles'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Locks the row for the rest of the transaction, so two admins saving at once apply in turn. */
  organizationForUpdate(id: string): Promise<PolicyOrganizationRow | undefined> {
    return this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'mfa_required_roles'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async setRequiredRoles(id: string, roles: string[]): Promise<void> {
    await this.db.updateTable('organizations').set({ mfa_required_roles: roles }).where('id', '=', id).execute();
  }

  /** Per role: active accounts of the organization, and how many of them have no second factor. */
  async enrollmentByRole(organizationId: string): Promise<RoleEnrollmentRow[]> {
    const rows = await this.db
      .selectFrom('users as u')
      .select([
        'u.role',
        (eb) => eb.fn.countAll<string>().as('people'),
        sql<string>`count(*) filter (where not ${ENROLLED})`.as('not_enrolled'),
      ])
      .where('u.organization_id', '=', organizationId)
      .where('u.disabled_at', 'is', null)
      .groupBy('u.role')
      .execute();
    return rows.map((r) => ({ role: r.role, people: Number(r.people), not_enrolled: Number(r.not_enrolled) }));
  }

  /** Active accounts of these roles without a second factor, by name, at most `limit` per role. */
  async unenrolled(
    organizationId: string,
    roles: readonly UsersTable['role'][],
    limit: number,
  ): Promise<UnenrolledRow[]> {
    if (roles.length === 0) return [];
    const ranked = this.db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.role',
        'u.given_name',
        'u.family_name',
        'u.email',
        sql<number>`row_number() over (partition by u.role order by lower(u.family_name), lower(u.given_name), u.id)`.as(
          'n',
        ),
      ])
      .where('u.organization_id', '=', organizationId)
      .where('u.role', 'in', roles)
      .where('u.disabled_at', 'is', null)
      .where(sql<boolean>`not ${ENROLLED}`);
    return this.db
      .selectFrom(ranked.as('r'))
      .select(['r.id', 'r.role', 'r.given_name', 'r.family_name', 'r.email'])
      .where('r.n', '<=', limit)
      .orderBy('r.role')
      .orderBy('r.n')
      .execute();
  }
}
