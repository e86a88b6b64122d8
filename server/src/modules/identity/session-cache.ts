import type { InvalidationChannel, SessionInvalidation } from '../../lib/session.js';
import type { SessionRow } from './repository.js';

/** More live entries than this and the oldest are dropped first (a Map keeps insertion order). */
const MAX_ENTRIES = 20_000;

/**
 * Session look-ups kept in memory for a few seconds, so an authenticated read costs one statement
 * less (issue 16, lever 2). Anything that changes what a look-up returns — sign-out, password,
 * role, factors, the open record — calls `invalidate`, which forgets it here at once and tells
 * every other instance over the fan-out bus; the short time-to-live bounds what a lost bus
 * message could leave behind (docs/decisions/0036-session-cache.md).
 */
export class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; until: number }>();
  /** Bumped by every invalidation: a look-up that began before one must not store what it read. */
  private epoch = 0;
  private channel: InvalidationChannel | null = null;

  constructor(private readonly ttlMs: number) {}

  /** Taken before reading the database; `put` stores the row only if nothing was invalidated since. */
  mark(): number {
    return this.epoch;
  }

  get(tokenHash: string, now: number): SessionRow | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.row;
    this.entries.delete(tokenHash);
    return undefined;
  }

  put(tokenHash: string, row: SessionRow, mark: number, now: number): void {
    if (this.ttlMs <= 0 || mark !== this.epoch) return;
    while (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { row, until: now + this.ttlMs });
  }

  /** Keeps a cached row in step with this instance's own idle-timer writes. */
  touched(sessionId: string, lastSeenAt: Date, idleExpiresAt: Date): void {
    for (const entry of this.entries.values()) {
      if (entry.row.id === sessionId)
        entry.row = { ...entry.row, last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt };
    }
  }

  /** Forgets here only (what the bus delivers, and what this instance learns by itself). */
  drop(what: SessionInvalidation): void {
    this.epoch++;
    for (const [key, { row }] of this.entries) {
      if ('sessionId' in what ? row.id === what.sessionId : row.user_id === what.userId) this.entries.delete(key);
    }
  }

  /**
   * Forgets every session of one organization, here only (an organization's second-factor policy
   * changed). The fan-out bus carries sessions and accounts, not organizations: other instances'
   * copies run out within the time-to-live (docs/decisions/0040).
   */
  dropOrganization(organizationId: string): void {
    this.epoch++;
    for (const [key, { row }] of this.entries) if (row.organization_id === organizationId) this.entries.delete(key);
  }

  /**
   * Forgets here, then tells the other instances. A bus that is down does not fail the change
   * that asked for this: their copies still expire within the time-to-live.
   */
  async invalidate(what: SessionInvalidation): Promise<void> {
    this.drop(what);
    await this.channel?.publish(what).catch(() => undefined);
  }

  /** Joins the fan-out bus (the app does this once the bus exists; without an app there is none). */
  attach(channel: InvalidationChannel): void {
    this.channel = channel;
    channel.subscribe((what) => this.drop(what));
  }
}
