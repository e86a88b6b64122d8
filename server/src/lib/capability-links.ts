import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Caller } from './caller.js';
import { hashToken, randomToken } from './tokens.js';

/**
 * Capability links: a random secret that opens one thing (a visit, a second-opinion request, an
 * international case) for someone without an account. Only the SHA-256 of the secret is stored,
 * so a leaked table does not leak working links; a link stops working when it expires or is
 * revoked. Each feature keeps its own table and API; this library owns the secret, the hash
 * lookup, the expiry and revoke rules and the audit of each use.
 *
 * SQL lives here, not in a module's repository, because the three tables share these columns:
 * `id`, `token_hash`, `revoked_at`, a scope column and (except guest links, which end with their
 * visit) `expires_at`.
 */
export interface CapabilityLinkKind {
  table: 'visit_guests' | 'second_opinion_links' | 'international_doctor_links';
  /** The column naming the one thing a link opens. */
  scopeColumn: 'encounter_id' | 'request_id';
  /** Whether the table has `expires_at`; without it the feature decides when a link ends. */
  expires: boolean;
  /** Columns set to null when a link is revoked (a guest's holder secret, so their cookie stops working). */
  clearOnRevoke?: readonly 'holder_hash'[];
  /** Random bytes in a new secret: 16 (128 bits) or 32 (256 bits). */
  tokenBytes: number;
  /** The audit entity type of events about these links. */
  entityType: string;
}

export const GUEST_LINKS: CapabilityLinkKind = {
  table: 'visit_guests',
  scopeColumn: 'encounter_id',
  expires: false,
  clearOnRevoke: ['holder_hash'],
  tokenBytes: 16,
  entityType: 'visit_guest',
};

export const PHYSICIAN_UPLOAD_LINKS: CapabilityLinkKind = {
  table: 'second_opinion_links',
  scopeColumn: 'request_id',
  expires: true,
  tokenBytes: 32,
  entityType: 'ServiceRequest',
};

export const DOCTOR_LINKS: CapabilityLinkKind = {
  table: 'international_doctor_links',
  scopeColumn: 'request_id',
  expires: true,
  tokenBytes: 16,
  entityType: 'ServiceRequest',
};

/** What every link table knows about a link. */
export interface CapabilityLink {
  id: string;
  scopeId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export type LinkState = 'open' | 'expired' | 'revoked';

/** The audit writer, as a port: `lib/` never imports the audit module. */
export interface LinkAuditWriter {
  record(
    caller: Caller,
    entry: {
      action: string;
      entityType: string;
      entityId?: string | null;
      patientId?: string | null;
      outcome: 'allowed' | 'denied' | 'failed';
      detail?: Record<string, string | number | boolean>;
    },
    trx?: Kysely<Database>,
  ): Promise<void>;
}

/** A link's audit entry: the entity type comes from the link kind. */
export interface LinkAuditEntry {
  action: string;
  entityId?: string | null;
  patientId?: string | null;
  outcome: 'allowed' | 'denied';
  detail?: Record<string, string | number | boolean>;
}

/** Longest secret we hash; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 100;

/** The library for one kind of link, bound to a database and an audit writer. */
export class CapabilityLinks {
  constructor(
    readonly kind: CapabilityLinkKind,
    private readonly db: Kysely<Database>,
    private readonly audit: LinkAuditWriter,
  ) {}

  /** A new secret for the URL fragment, and the hash to store in the feature's row. */
  issue(): { token: string; tokenHash: string } {
    const token = randomToken(this.kind.tokenBytes);
    return { token, tokenHash: hashToken(token) };
  }

  /** When a link made now for `days` days stops working. */
  expiresIn(days: number, now = new Date()): Date {
    return new Date(now.getTime() + days * 86_400_000);
  }

  /** The link a secret belongs to, in any state; undefined for an unknown or malformed secret. */
  async find(token: string | undefined, db: Kysely<Database> = this.db): Promise<CapabilityLink | undefined> {
    if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
    const { table, scopeColumn, expires } = this.kind;
    const expiresAt = expires ? sql.ref('expires_at') : sql`null::timestamptz`;
    const { rows } = await sql<CapabilityLink>`
      select id, ${sql.ref(scopeColumn)} as "scopeId", ${expiresAt} as "expiresAt", revoked_at as "revokedAt"
      from ${sql.table(table)} where token_hash = ${hashToken(token)}`.execute(db);
    return rows[0];
  }

  /** Open, expired or revoked (a revoked link reads as revoked even after it would have expired). */
  state(link: CapabilityLink, now = new Date()): LinkState {
    if (link.revokedAt) return 'revoked';
    if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
    return 'open';
  }

  /**
   * The link behind a secret if it opens `scopeId`: `unknown` for a wrong secret or one made for
   * something else (the same answer, so a link cannot probe other ids), else its state.
   */
  async open(
    token: string | undefined,
    scopeId: string,
  ): Promise<{ state: 'unknown' } | { state: LinkState; link: CapabilityLink }> {
    const link = await this.find(token);
    if (!link || link.scopeId !== scopeId) return { state: 'unknown' };
    return { state: this.state(link), link };
  }

  /** Revokes a live link of `scopeId`; false when there is none (unknown, other scope, already revoked). */
  async revoke(scopeId: string, linkId: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const { table, scopeColumn, clearOnRevoke = [] } = this.kind;
    const cleared = clearOnRevoke.map((c) => sql`, ${sql.ref(c)} = null`);
    const res = await sql`
      update ${sql.table(table)} set revoked_at = ${new Date()}${sql.join(cleared, sql``)}
      where id = ${linkId} and ${sql.ref(scopeColumn)} = ${scopeId} and revoked_at is null`.execute(db);
    return Number(res.numAffectedRows ?? 0) > 0;
  }

  /** Appends the audit event of a use of a link (create, open, refuse, revoke). */
  record(caller: Caller, entry: LinkAuditEntry, trx?: Kysely<Database>): Promise<void> {
    return this.audit.record(caller, { ...entry, entityType: this.kind.entityType }, trx);
  }
}
