import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chainHash, GENESIS_HASH } from './chain.js';
import { loadSigningKey, readCheckpoints, signatureValid, type CheckpointConfig } from './checkpoint.js';

/** The first row where the chain breaks, named so a person can find it. */
export interface BrokenRow {
  /** The audit row's id (null when the row itself is gone). */
  id: string | null;
  seq: string | null;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Chained rows whose hashes were recomputed. */
  checked: number;
  /** Rows from before the chain began (not covered). */
  legacyRows: number;
  headSeq: string;
  checkpoints: { total: number; verified: number };
  broken: BrokenRow | null;
}

const PAGE = 1000;

/**
 * Walks the audit chain from its first row to the head, recomputing every hash, and checks each
 * signed checkpoint against it. Stops at the first break: an edited row (its hash no longer
 * matches), a deleted one (a gap in the sequence, or a head beyond the last row), rows moved out
 * of order (a previous-hash mismatch), a row slipped in outside the chain, or a checkpoint whose
 * signature or hash does not hold.
 */
export async function verifyAuditChain(db: Kysely<Database>, checkpoints: CheckpointConfig): Promise<VerifyResult> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash', 'legacy_max_id']).executeTakeFirst();
  if (!head) throw new Error('audit_chain_head is missing: run the migrations');
  const headSeq = BigInt(head.seq);
  const legacy = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', '<=', head.legacy_max_id)
    .executeTakeFirstOrThrow();
  const result = (broken: BrokenRow | null, checked: number, cps = { total: 0, verified: 0 }): VerifyResult => ({
    ok: broken === null,
    checked,
    legacyRows: Number(legacy.n),
    headSeq: head.seq,
    checkpoints: cps,
    broken,
  });

  const outside = await db
    .selectFrom('audit_events')
    .select('id')
    .where('seq', 'is', null)
    .where('id', '>', head.legacy_max_id)
    .orderBy('id')
    .executeTakeFirst();

  const list = await readCheckpoints(checkpoints.checkpointFile);
  const wanted = new Set(list.map((c) => c.seq));
  const hashes = new Map<string, string>();
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', 'is not', null)
      .where('seq', '>=', expected.toString())
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const seq = BigInt(r.seq ?? '0');
      const at = { id: String(r.id), seq: String(seq) };
      if (seq !== expected) {
        return result(
          {
            id: null,
            seq: expected.toString(),
            reason: `row ${expected} is missing (deleted); the chain goes on at row ${seq} (id ${at.id})`,
          },
          checked,
        );
      }
      if (r.prev_hash !== prevHash) {
        return result(
          {
            ...at,
            reason: 'its previous hash does not match the row before it (rows reordered, or one before it replaced)',
          },
          checked,
        );
      }
      if (chainHash(prevHash, { ...r, seq: String(seq) }) !== r.hash) {
        return result({ ...at, reason: 'its contents do not match its hash (the row was edited)' }, checked);
      }
      prevHash = r.hash;
      if (wanted.has(at.seq)) hashes.set(at.seq, r.hash);
      checked++;
      expected++;
    }
    if (rows.length < PAGE) break;
  }
  if (expected - 1n !== headSeq) {
    return result(
      {
        id: null,
        seq: expected.toString(),
        reason: `rows ${expected} to ${headSeq} are missing (the newest rows were deleted)`,
      },
      checked,
    );
  }
  if (headSeq > 0n && head.hash !== prevHash) {
    return result({ id: null, seq: head.seq, reason: 'the chain head does not match the last row' }, checked);
  }
  if (outside) {
    return result(
      { id: String(outside.id), seq: null, reason: 'it was written outside the chain (no sequence number)' },
      checked,
    );
  }

  const cps = { total: list.length, verified: 0 };
  if (list.length > 0) {
    const key = await loadSigningKey(checkpoints.signingKeyFile, { create: false });
    if (!key) {
      return result(
        {
          id: null,
          seq: null,
          reason: `checkpoints exist but the signing key ${checkpoints.signingKeyFile} is missing`,
        },
        checked,
        cps,
      );
    }
    for (const c of list) {
      if (!signatureValid(c, key.publicKey)) {
        return result({ id: null, seq: c.seq, reason: `the checkpoint of ${c.at} has a bad signature` }, checked, cps);
      }
      if (c.seq === '0') {
        cps.verified++;
        continue;
      }
      const hash = hashes.get(c.seq);
      if (hash !== c.hash) {
        return result(
          {
            id: null,
            seq: c.seq,
            reason: hash
              ? `it differs from the signed checkpoint of ${c.at} (history rewritten)`
              : `the signed checkpoint of ${c.at} names a row that is gone (history rewritten)`,
          },
          checked,
          cps,
        );
      }
      cps.verified++;
    }
  }
  return result(null, checked, cps);
}
