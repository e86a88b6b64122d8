import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { GroupCommit } from '../../lib/group-commit.js';
import { appendChainedRows, type ChainInput } from './chain.js';

/** Rows written by one transaction at most: 16 parameters each stays far below PostgreSQL's limit. */
const MAX_ROWS = 200;

/**
 * Group commit for audit rows that belong to no transaction of their own (reads and refusals).
 * Every append takes the chain head's lock, so one transaction per read made every audited read
 * in every process wait in line for three round trips of each other's. Here, rows that arrive
 * while a transaction is writing wait for the next one, which writes them all at once: one
 * transaction (four statements) for however many reads came together. Each caller still waits
 * until its own row has committed — an answered read always has its audit row — and a lone read
 * is written at once, as before.
 *
 * If a group fails, each of its rows is tried again alone, so one row that cannot be written
 * never costs the others theirs.
 */
export class GroupAppender {
  readonly #groups: GroupCommit<ChainInput, undefined>;

  constructor(db: Kysely<Database>) {
    this.#groups = new GroupCommit(async (rows) => {
      await appendChainedRows(db, rows);
      return rows.map(() => undefined);
    }, MAX_ROWS);
  }

  /** Resolves once the row has committed. */
  append(row: ChainInput): Promise<undefined> {
    return this.#groups.add(row);
  }
}
