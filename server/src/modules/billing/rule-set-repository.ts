import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface RuleSetRow {
  id: string;
  organization_id: string;
  version: number;
  effective_from: Date;
  rules: unknown;
  note: string;
  created_at: Date;
  creator_given: string | null;
  creator_family: string | null;
}

/** Fee rule sets, one organization's versions at a time. SQL only. */
export class RuleSetRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: RuleSetRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new RuleSetRepository(trx), trx));
  }

  async organizationExists(organizationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', organizationId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Locks the organization row until the transaction ends, so two new versions for one
   * organization are numbered one after the other. NO KEY UPDATE leaves rows that reference the
   * organization (visits, ledger entries) free to be written meanwhile.
   */
  async lockOrganization(organizationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', organizationId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every version, newest first, with the name of whoever made it. */
  list(organizationId: string): Promise<RuleSetRow[]> {
    return this.db
      .selectFrom('fee_rule_sets as r')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .select([
        'r.id',
        'r.organization_id',
        'r.version',
        'r.effective_from',
        'r.rules',
        'r.note',
        'r.created_at',
        'u.given_name as creator_given',
        'u.family_name as creator_family',
      ])
      .where('r.organization_id', '=', organizationId)
      .orderBy('r.version', 'desc')
      .execute();
  }

  async nextVersion(organizationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('fee_rule_sets')
      .select((eb) => eb.fn.max('version').as('latest'))
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return Number(row?.latest ?? 0) + 1;
  }

  async insert(r: {
    organizationId: string;
    version: number;
    effectiveFrom: Date;
    rules: unknown;
    note: string;
    createdBy: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('fee_rule_sets')
      .values({
        organization_id: r.organizationId,
        version: r.version,
        effective_from: r.effectiveFrom,
        rules: JSON.stringify(r.rules),
        note: r.note,
        created_by: r.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
