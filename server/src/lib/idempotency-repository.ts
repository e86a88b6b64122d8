import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Whose key: one user's, or the anonymous scope (userId null). */
export interface KeyRef {
  userId: string | null;
  keyHash: string;
}

export interface StoredAnswer {
  operation: string;
  request_hash: string;
  status_code: number;
  response: Record<string, unknown>;
}

/** Stored answers of retry-safe creates (table idempotent_requests). SQL only. */
export class IdempotencyRepository {
  constructor(readonly db: Db) {}

  find(ref: KeyRef): Promise<StoredAnswer | undefined> {
    return this.db
      .selectFrom('idempotent_requests')
      .select(['operation', 'request_hash', 'status_code', 'response'])
      .where('key_hash', '=', ref.keyHash)
      .$if(ref.userId === null, (q) => q.where('user_id', 'is', null))
      .$if(ref.userId !== null, (q) => q.where('user_id', '=', ref.userId ?? ''))
      .executeTakeFirst();
  }

  /**
   * Claims the key inside the create's transaction. A second claim of the same key fails with a
   * unique violation; on PostgreSQL it first waits until the first transaction ends.
   */
  async claim(ref: KeyRef, operation: string, requestHash: string): Promise<void> {
    await this.db
      .insertInto('idempotent_requests')
      .values({
        user_id: ref.userId,
        key_hash: ref.keyHash,
        operation,
        request_hash: requestHash,
        status_code: 0,
        response: '{}',
      })
      .execute();
  }

  /**
   * The claim with its answer already in it, as a statement for the create to run first inside its
   * own (a CTE the create's rows are selected from): for a create that knows its answer before it
   * writes. It fails, and waits first, exactly as `claim` does.
   */
  claimAnswered(
    ref: KeyRef,
    operation: string,
    requestHash: string,
    statusCode: number,
    response: unknown,
  ): RawBuilder<unknown> {
    return sql`INSERT INTO idempotent_requests (user_id, key_hash, operation, request_hash, status_code, response)
      VALUES (${ref.userId}::uuid, ${ref.keyHash}, ${operation}, ${requestHash}, ${statusCode},
        ${JSON.stringify(response)}::jsonb)
      RETURNING key_hash`;
  }

  /** Stores the answer of a claimed key (same transaction as the claim). */
  async answer(ref: KeyRef, statusCode: number, response: unknown): Promise<void> {
    await this.db
      .updateTable('idempotent_requests')
      .set({ status_code: statusCode, response: JSON.stringify(response) })
      .where('key_hash', '=', ref.keyHash)
      .$if(ref.userId === null, (q) => q.where('user_id', 'is', null))
      .$if(ref.userId !== null, (q) => q.where('user_id', '=', ref.userId ?? ''))
      .execute();
  }

  /** Forgets answers older than `before`; returns how many. */
  async purge(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotent_requests').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
