import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The hash before the first chained row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of one audit row that its hash covers, as stored. */
export interface ChainedFields {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  acting_for_patient_id: string | null;
  patient_id: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  detail: unknown;
}

/** JSON with object keys sorted at every level, so jsonb's own key order never changes a hash. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The row's canonical form: a JSON array in a fixed column order, the time in ISO 8601 (UTC, ms). */
export function canonicalRow(r: ChainedFields): string {
  return canonicalJson([
    r.seq,
    r.at.toISOString(),
    r.actor_user_id,
    r.actor_role,
    r.acting_for_patient_id,
    r.patient_id,
    r.organization_id,
    r.action,
    r.entity_type,
    r.entity_id,
    r.outcome,
    r.ip,
    r.request_id,
    typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : r.detail,
  ]);
}

/** SHA-256 over the previous row's hash, a newline and this row's canonical form, in hex. */
export function chainHash(prevHash: string, r: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(r)).digest('hex');
}

export type ChainInput = Omit<ChainedFields, 'seq' | 'at' | 'detail'> & { detail: Record<string, unknown> };

/**
 * Appends one row to the chain through `db` — the action's own transaction when given one, so
 * the row commits or rolls back with what it records. Taking the head row's lock (the UPDATE)
 * makes every other appender, in any process, wait until this transaction ends; so call this as
 * the last write of a transaction, to hold the lock briefly and never wait on another lock with it.
 */
export async function appendChained(db: Kysely<Database>, row: ChainInput): Promise<void> {
  await appendChainedRows(db, [row]);
}

/**
 * Appends rows to the chain in the order given, in two statements whatever their number: the
 * head moves on by all of them at once, then every row and the new head hash are written together.
 */
export async function appendChainedRows(db: Kysely<Database>, rows: readonly ChainInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendChainedRows(trx, rows));
    return;
  }
  const head = await sql<{ seq: string; hash: string }>`
    UPDATE audit_chain_head SET seq = seq + ${rows.length}::int WHERE id = 1
    RETURNING (seq - ${rows.length}::int)::text AS seq, hash`.execute(db);
  const prev = head.rows[0];
  if (!prev) throw new Error('audit_chain_head is missing: run the migrations');
  const at = new Date();
  let prevHash = prev.hash;
  let seq = BigInt(prev.seq);
  const values = rows.map((row) => {
    seq += 1n;
    const fields: ChainedFields = { ...row, seq: seq.toString(), at };
    const hash = chainHash(prevHash, fields);
    const value = sql`(${fields.seq}::bigint, ${prevHash}, ${hash}, ${at}, ${row.actor_user_id}, ${row.actor_role},
        ${row.acting_for_patient_id}, ${row.patient_id}, ${row.organization_id}, ${row.action}, ${row.entity_type},
        ${row.entity_id}, ${row.outcome}, ${row.ip}, ${row.request_id}, ${JSON.stringify(row.detail)}::jsonb)`;
    prevHash = hash;
    return value;
  });
  await sql`
    WITH appended AS (
      INSERT INTO audit_events (seq, prev_hash, hash, at, actor_user_id, actor_role, acting_for_patient_id,
        patient_id, organization_id, action, entity_type, entity_id, outcome, ip, request_id, detail)
      VALUES ${sql.join(values)}
    )
    UPDATE audit_chain_head SET hash = ${prevHash} WHERE id = 1`.execute(db);
}

/** Where the chain stands: the newest committed row's sequence number and hash. */
export async function chainHead(db: Kysely<Database>): Promise<{ seq: string; hash: string }> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirst();
  if (!head) throw new Error('audit_chain_head is missing: run the migrations');
  return { seq: String(head.seq), hash: head.hash };
}
