import { sql, type Transaction } from 'kysely';
import type { Database, ParticipantRole } from '../../db/schema.js';
import type { Db, ParticipantRow } from './repository.js';

/** A participant is live while their socket was seen this recently (their instance touches them). */
export const LIVE_WITHIN = sql.raw(`interval '45 seconds'`);

/** Who is connected to which visit on which instance, and oversized signaling payloads. SQL only. */
export class PresenceRepository {
  constructor(readonly db: Db) {}

  /** The same queries on another handle (a transaction's). */
  with(db: Db): PresenceRepository {
    return new PresenceRepository(db);
  }

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: PresenceRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new PresenceRepository(trx), trx));
  }

  // ---- live participants ----

  /**
   * Adds a live connection for a person and, in the same statement, marks their earlier live
   * connections to this visit as gone (a second tab or a reload replaces them). The new one is
   * admitted when `admitted` says so, or when `rejoin` and this person was let in before (a
   * reload or network drop does not wait to be let in again). Returns the new row and the ids
   * it replaced.
   */
  async join(p: Omit<ParticipantRow, 'id'>, rejoin: boolean): Promise<{ joined: ParticipantRow; replaced: string[] }> {
    const same = p.guest_id ? sql`guest_id = ${p.guest_id}` : sql`user_id = ${p.user_id}`;
    const { rows } = await sql<ParticipantRow & { replaced: string[] }>`
      with earlier as (
        update visit_participants set left_at = now()
         where encounter_id = ${p.encounter_id} and ${same} and left_at is null
        returning id
      ), joined as (
        insert into visit_participants (encounter_id, role, user_id, guest_id, display_name, instance_id, admitted)
        values (${p.encounter_id}, ${p.role}, ${p.user_id}, ${p.guest_id}, ${p.display_name}, ${p.instance_id},
                ${p.admitted} or (${rejoin} and exists (
                  select 1 from visit_participants
                   where encounter_id = ${p.encounter_id} and ${same} and admitted)))
        returning id, encounter_id, role, user_id, guest_id, display_name, instance_id, admitted
      )
      select joined.*, coalesce((select array_agg(id::text) from earlier), '{}'::text[]) as replaced from joined
    `.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error('the join statement returned no row');
    const { replaced, ...joined } = row;
    return { joined, replaced };
  }

  /**
   * Marks a connection as gone. Outside a transaction, leaves in the same turn of the event loop
   * (a burst of closing sockets) are written as one statement; each caller waits for it.
   */
  leave(participantId: string): Promise<void> {
    // Inside a transaction (a leave and its audit row) the write is that transaction's, at once.
    if (this.db.isTransaction) return this.leaveAll([participantId]);
    if (!this.leaving) {
      const ids = new Set<string>();
      const written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.leaving = null;
        return this.leaveAll([...ids]);
      });
      this.leaving = { ids, written };
    }
    this.leaving.ids.add(participantId);
    return this.leaving.written;
  }

  private leaving: { ids: Set<string>; written: Promise<void> } | null = null;

  private async leaveAll(participantIds: string[]): Promise<void> {
    await this.db
      .updateTable('visit_participants')
      .set({ left_at: new Date() })
      .where('id', 'in', participantIds)
      .where('left_at', 'is', null)
      .execute();
  }

  /** The ids of the visit's live, admitted participants (who may send and receive signaling). */
  async admittedIn(encounterId: string): Promise<ReadonlySet<string>> {
    const rows = await this.db
      .selectFrom('visit_participants')
      .select('id')
      .where('encounter_id', '=', encounterId)
      .where('admitted', '=', true)
      .where('left_at', 'is', null)
      .where('last_seen_at', '>', sql<Date>`now() - ${LIVE_WITHIN}`)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async admit(encounterId: string, filter: { participantId?: string; role?: ParticipantRole }): Promise<number> {
    let q = this.db
      .updateTable('visit_participants')
      .set({ admitted: true })
      .where('encounter_id', '=', encounterId)
      .where('left_at', 'is', null);
    if (filter.participantId) q = q.where('id', '=', filter.participantId);
    if (filter.role) q = q.where('role', '=', filter.role);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Keeps this instance's connections live (see LIVE_WITHIN). */
  async touch(instanceId: string): Promise<void> {
    await this.db
      .updateTable('visit_participants')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('instance_id', '=', instanceId)
      .where('left_at', 'is', null)
      .execute();
  }

  /** Live connections of the same person in this visit (a second tab, or the one before a reload). */
  async liveOf(encounterId: string, who: { userId: string | null; guestId: string | null }): Promise<ParticipantRow[]> {
    let q = this.db
      .selectFrom('visit_participants')
      .select(['id', 'encounter_id', 'role', 'user_id', 'guest_id', 'display_name', 'instance_id', 'admitted'])
      .where('encounter_id', '=', encounterId)
      .where('left_at', 'is', null);
    q = who.guestId ? q.where('guest_id', '=', who.guestId) : q.where('user_id', '=', who.userId);
    return q.execute();
  }

  /** Takes a recent connection back (socket reconnect): same id, so peers can restart ICE instead of starting over. */
  async resume(
    participantId: string,
    encounterId: string,
    instanceId: string,
    who: { userId: string | null; guestId: string | null },
  ): Promise<ParticipantRow | undefined> {
    let q = this.db
      .updateTable('visit_participants')
      .set({ left_at: null, instance_id: instanceId, last_seen_at: sql<Date>`now()` })
      .where('id', '=', participantId)
      .where('encounter_id', '=', encounterId)
      .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', sql<Date>`now() - interval '60 seconds'`)]));
    q = who.guestId ? q.where('guest_id', '=', who.guestId) : q.where('user_id', '=', who.userId);
    return q
      .returning(['id', 'encounter_id', 'role', 'user_id', 'guest_id', 'display_name', 'instance_id', 'admitted'])
      .executeTakeFirst();
  }

  /** Marks every connection of this instance as gone (graceful shutdown). */
  async leaveAllOf(instanceId: string): Promise<void> {
    await this.db
      .updateTable('visit_participants')
      .set({ left_at: new Date() })
      .where('instance_id', '=', instanceId)
      .where('left_at', 'is', null)
      .execute();
  }

  // ---- large signaling payloads ----

  async notify(channel: string, payload: string): Promise<void> {
    await sql`select pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  async putRelay(payload: string): Promise<string> {
    const row = await this.db
      .insertInto('visit_signal_relay')
      .values({ payload })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  async takeRelay(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('visit_signal_relay')
      .select('payload')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.payload;
  }

  async pruneRelay(olderThan: Date): Promise<void> {
    await this.db.deleteFrom('visit_signal_relay').where('created_at', '<', olderThan).execute();
  }
}
