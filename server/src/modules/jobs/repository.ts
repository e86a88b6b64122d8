import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/** The jobs table: enqueue, claim with SKIP LOCKED, finish, retry, cancel. */
export class JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Enqueues inside the caller's transaction when one is given, so a job exists iff its cause does. */
  async enqueue(
    job: { kind: string; payload: Record<string, unknown>; runAt: Date; dedupeKey?: string; maxAttempts?: number },
    trx?: Db,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('jobs')
      .values({
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        run_at: job.runAt,
        dedupe_key: job.dedupeKey ?? null,
        ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  /**
   * The same enqueue for several jobs, as a statement for the caller to run inside its own
   * (a data-modifying CTE), so a create writes its jobs in the round trip that writes it.
   */
  enqueueStatement(
    jobs: { kind: string; payload: Record<string, unknown>; runAt: Date; dedupeKey?: string }[],
  ): RawBuilder<unknown> {
    const rows = jobs.map(
      (j) =>
        sql`(${j.kind}, ${JSON.stringify(j.payload)}::jsonb, ${j.runAt}::timestamptz, ${j.dedupeKey ?? null}::text)`,
    );
    return sql`INSERT INTO jobs (kind, payload, run_at, dedupe_key) VALUES ${sql.join(rows)}
      ON CONFLICT (dedupe_key) DO NOTHING`;
  }

  /** Claims up to `limit` due jobs of the given kinds for `lockMs`; other runners skip them. */
  async claim(workerId: string, kinds: string[], limit: number, lockMs: number): Promise<JobRow[]> {
    if (kinds.length === 0) return [];
    const result = await sql<JobRow>`
      update jobs set locked_until = now() + ${`${lockMs} milliseconds`}::interval, locked_by = ${workerId}, attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and cancelled_at is null and failed_at is null and run_at <= now()
          and kind = any(${kinds}::text[])
          and (locked_until is null or locked_until < now())
        order by run_at
        limit ${limit}
        for update skip locked
      )
      returning id, kind, payload, attempts, max_attempts`.execute(this.db);
    return result.rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  async complete(id: string, forgetPayload = false, trx?: Db): Promise<void> {
    await (trx ?? this.db)
      .updateTable('jobs')
      .set({ done_at: new Date(), locked_until: null, ...(forgetPayload ? { payload: '{}' } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async retryLater(id: string, runAt: Date, error: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ run_at: runAt, locked_until: null, last_error: error.slice(0, 1000) })
      .where('id', '=', id)
      .execute();
  }

  async fail(id: string, error: string, forgetPayload = false): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        failed_at: new Date(),
        locked_until: null,
        last_error: error.slice(0, 1000),
        ...(forgetPayload ? { payload: '{}' } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Cancels pending jobs whose dedupe key starts with `prefix` (e.g. all reminders of one appointment). */
  async cancelByPrefix(prefix: string, trx?: Db): Promise<number> {
    const res = await (trx ?? this.db)
      .updateTable('jobs')
      .set({ cancelled_at: new Date() })
      .where('dedupe_key', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .where('done_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}
