import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface DeviceRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** A person's own live sessions. SQL only. */
export class DevicesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listLive(userId: string): Promise<DeviceRow[]> {
    const now = new Date();
    return this.db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .where('idle_expires_at', '>', now)
      .where('absolute_expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .limit(100)
      .execute();
  }

  /** Ends one live session of this user; false when it is not theirs or already ended. */
  async endOwn(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const res = await this.db
      .updateTable('sessions')
      .set({ ended_at: new Date(), end_reason: reason })
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
