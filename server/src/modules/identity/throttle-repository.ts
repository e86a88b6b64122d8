import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface ThrottleRow {
  key: string;
  failures: number;
  blocked_until: Date | null;
  owner_told_at: Date | null;
}

/** Failure counters behind sign-in throttling. SQL only; the delays are worked out in throttle.ts. */
export class ThrottleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(keys: string[]): Promise<ThrottleRow[]> {
    return this.db
      .selectFrom('sign_in_throttle')
      .select(['key', 'failures', 'blocked_until', 'owner_told_at'])
      .where('key', 'in', keys)
      .execute();
  }

  /** Counts one failure; a counter idle for `forgetAfterHours` starts again from one. */
  async fail(key: string, forgetAfterHours: number): Promise<number> {
    const row = await this.db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, last_failure_at: new Date() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when sign_in_throttle.last_failure_at < now() - make_interval(hours => ${forgetAfterHours})
            then 1 else sign_in_throttle.failures + 1 end`,
          last_failure_at: sql`now()`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return row.failures;
  }

  async block(key: string, seconds: number): Promise<void> {
    await this.db
      .updateTable('sign_in_throttle')
      .set({ blocked_until: sql`now() + make_interval(secs => ${seconds})` })
      .where('key', '=', key)
      .execute();
  }

  /** Marks that the owner was told; false when someone else already did within `withinMinutes`. */
  async claimOwnerNotice(key: string, withinMinutes: number): Promise<boolean> {
    const rows = await this.db
      .updateTable('sign_in_throttle')
      .set({ owner_told_at: sql`now()` })
      .where('key', '=', key)
      .where((eb) =>
        eb.or([
          eb('owner_told_at', 'is', null),
          eb('owner_told_at', '<', sql<Date>`now() - make_interval(mins => ${withinMinutes})`),
        ]),
      )
      .returning('key')
      .execute();
    return rows.length > 0;
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  }

  /** Housekeeping: counters nobody has failed for a while. */
  async purgeOlderThan(hours: number): Promise<number> {
    const res = await this.db
      .deleteFrom('sign_in_throttle')
      .where('last_failure_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
