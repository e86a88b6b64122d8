import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.js';
import type { AuditService } from '../src/modules/audit/service.js';
import { writeCheckpoint, type CheckpointConfig } from '../src/modules/audit/checkpoint.js';
import { chainHead } from '../src/modules/audit/chain.js';
import { verifyAuditChain } from '../src/modules/audit/verify.js';
import { asOwner, auditServiceFor, isolatedDatabase, someone } from './audit-fixtures.js';
import { runPortico } from './process-helpers.js';

let database: DatabaseHandle;
let audit: AuditService;
let env: Record<string, string>;
let drop: () => Promise<void>;
let keys: CheckpointConfig;
beforeAll(async () => {
  ({ database, env, drop } = await isolatedDatabase());
  audit = auditServiceFor(database);
  const dir = await mkdtemp(join(tmpdir(), 'portico-audit-keys-'));
  keys = { signingKeyFile: join(dir, 'signing.pem'), checkpointFile: join(dir, 'checkpoints.jsonl') };
}, 120_000);
afterAll(async () => {
  await database.close().catch(() => undefined);
  await drop();
});

const record = (i: number, trx?: Parameters<AuditService['record']>[2]) =>
  audit.record(
    someone(i),
    {
      action: 'test.read',
      entityType: 'Patient',
      entityId: `p-${i}`,
      outcome: 'allowed',
      detail: { i, z: 'last', a: true },
    },
    trx,
  );

async function rowBySeq(seq: number) {
  return database.db.selectFrom('audit_events').selectAll().where('seq', '=', String(seq)).executeTakeFirstOrThrow();
}

describe('the hash-chained audit log', () => {
  it('chains concurrent appends into one gap-free sequence that verifies', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => record(i)));
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const result = await verifyAuditChain(database.db, keys);
    expect(result).toMatchObject({ ok: true, checked: 40, headSeq: '40', broken: null });
  });

  it('writes reads that arrive together in one transaction, each answered only once its own row is stored', async () => {
    const before = Number((await chainHead(database.db)).seq);
    const stored = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        record(2000 + i).then(() =>
          database.db
            .selectFrom('audit_events')
            .select(['at', 'seq'])
            .where('entity_id', '=', `p-${2000 + i}`)
            .executeTakeFirst(),
        ),
      ),
    );
    expect(stored.every((row) => row !== undefined)).toBe(true);
    // One transaction writes a group at one moment: 30 rows asked for in the same turn share it.
    expect(new Set(stored.map((row) => row?.at.toISOString())).size).toBe(1);
    expect(stored.map((row) => Number(row?.seq)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => before + i + 1),
    );
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('a row that cannot be written fails alone; the rest of its group is written', async () => {
    const before = Number((await chainHead(database.db)).seq);
    const broken = audit.record(
      { ...someone(3000), userId: 'not-a-uuid' },
      { action: 'test.read', entityType: 'Patient', entityId: 'p-3000', outcome: 'allowed' },
    );
    const results = await Promise.allSettled([record(3001), broken, record(3002)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await database.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('entity_id', 'in', ['p-3000', 'p-3001', 'p-3002'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.entity_id)).toEqual(['p-3001', 'p-3002']);
    expect(Number((await chainHead(database.db)).seq)).toBe(before + 2);
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('writes the row in the action’s transaction: a rolled-back action leaves no row and no gap', async () => {
    const before = await chainHead(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await record(1000, trx);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await chainHead(database.db)).toEqual(before);
    await database.db.transaction().execute(async (trx) => record(1001, trx));
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('names the first edited row, and holds again once it is put back', async () => {
    const row = await rowBySeq(7);
    await asOwner(database, async () => {
      await database.db
        .updateTable('audit_events')
        .set({ entity_id: 'someone-else' })
        .where('id', '=', row.id)
        .execute();
    });
    try {
      const r = await verifyAuditChain(database.db, keys);
      expect(r.ok).toBe(false);
      expect(r.broken).toMatchObject({ id: String(row.id), seq: '7' });
      expect(r.broken?.reason).toMatch(/edited/);
    } finally {
      await asOwner(database, async () => {
        await database.db
          .updateTable('audit_events')
          .set({ entity_id: row.entity_id })
          .where('id', '=', row.id)
          .execute();
      });
    }
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('names a deleted row', async () => {
    const row = await rowBySeq(12);
    await asOwner(database, async () => {
      await database.db.deleteFrom('audit_events').where('id', '=', row.id).execute();
    });
    try {
      const r = await verifyAuditChain(database.db, keys);
      expect(r.ok).toBe(false);
      expect(r.broken).toMatchObject({ id: null, seq: '12' });
      expect(r.broken?.reason).toMatch(/missing \(deleted\)/);
    } finally {
      await asOwner(database, async () => {
        await database.db
          .insertInto('audit_events')
          .values({ ...row, detail: JSON.stringify(row.detail) })
          .execute();
      });
    }
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('names the first of two rows swapped in order', async () => {
    const a = await rowBySeq(20);
    const b = await rowBySeq(21);
    // Each row gets the given position (through -1, as the sequence is unique).
    const place = async (first: typeof a, firstSeq: string | null, second: typeof a, secondSeq: string | null) =>
      asOwner(database, async () => {
        await sql`UPDATE audit_events SET seq = -1 WHERE id = ${first.id}`.execute(database.db);
        await sql`UPDATE audit_events SET seq = ${secondSeq}::bigint WHERE id = ${second.id}`.execute(database.db);
        await sql`UPDATE audit_events SET seq = ${firstSeq}::bigint WHERE id = ${first.id}`.execute(database.db);
      });
    await place(a, b.seq, b, a.seq);
    try {
      const r = await verifyAuditChain(database.db, keys);
      expect(r.ok).toBe(false);
      expect(r.broken).toMatchObject({ id: String(b.id), seq: '20' });
      expect(r.broken?.reason).toMatch(/reordered/);
    } finally {
      await place(a, a.seq, b, b.seq);
    }
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
  });

  it('a signed checkpoint catches history cut back to a consistent but shorter chain, and a forged checkpoint', async () => {
    const head = await chainHead(database.db);
    await writeCheckpoint(keys, head);
    expect(await verifyAuditChain(database.db, keys)).toMatchObject({
      ok: true,
      checkpoints: { total: 1, verified: 1 },
    });
    // The owner deletes the newest row and winds the head back: the chain alone still adds up.
    const last = await rowBySeq(Number(head.seq));
    await asOwner(database, async () => {
      await database.db.deleteFrom('audit_events').where('id', '=', last.id).execute();
    });
    await sql`UPDATE audit_chain_head SET seq = seq - 1, hash = ${last.prev_hash ?? ''}`.execute(database.db);
    try {
      const r = await verifyAuditChain(database.db, keys);
      expect(r.ok).toBe(false);
      expect(r.broken).toMatchObject({ seq: head.seq });
      expect(r.broken?.reason).toMatch(/checkpoint/);
    } finally {
      await asOwner(database, async () => {
        await database.db
          .insertInto('audit_events')
          .values({ ...last, detail: JSON.stringify(last.detail) })
          .execute();
      });
      await sql`UPDATE audit_chain_head SET seq = ${head.seq}::bigint, hash = ${head.hash}`.execute(database.db);
    }
    expect((await verifyAuditChain(database.db, keys)).ok).toBe(true);
    // A checkpoint line someone wrote without the key fails its signature.
    const lines = (await readFile(keys.checkpointFile, 'utf8')).trim();
    const forged = { ...(JSON.parse(lines) as Record<string, string>), at: new Date(0).toISOString() };
    await writeFile(keys.checkpointFile, `${lines}\n${JSON.stringify(forged)}\n`);
    const r = await verifyAuditChain(database.db, keys);
    expect(r.ok).toBe(false);
    expect(r.broken?.reason).toMatch(/bad signature/);
    await writeFile(keys.checkpointFile, `${lines}\n`);
  });

  it('`audit:verify` exits non-zero naming the first broken row, and 0 on an intact chain', async () => {
    const row = await rowBySeq(3);
    await asOwner(database, async () => {
      await database.db.updateTable('audit_events').set({ action: 'test.hidden' }).where('id', '=', row.id).execute();
    });
    const cliEnv = {
      ...env,
      PORTICO_AUDIT_SIGNING_KEY_FILE: keys.signingKeyFile,
      PORTICO_AUDIT_CHECKPOINT_FILE: keys.checkpointFile,
      PORTICO_LOG_LEVEL: 'silent',
    };
    // The embedded database allows one process at a time.
    const closeFirst = !env['DATABASE_URL'];
    if (closeFirst) await database.close();
    const broken = runPortico(cliEnv, ['src/main.ts', 'audit-verify']);
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toMatch(
      new RegExp(`BROKEN at row 3 \\(id ${String(row.id)}\\): its contents do not match its hash`),
    );
    if (closeFirst) ({ database } = await reopen());
    await asOwner(database, async () => {
      await database.db.updateTable('audit_events').set({ action: row.action }).where('id', '=', row.id).execute();
    });
    if (closeFirst) await database.close();
    const intact = runPortico(cliEnv, ['src/main.ts', 'audit-verify']);
    expect(await intact.exited, intact.output() + intact.errors()).toBe(0);
    expect(intact.output()).toMatch(/Audit chain intact: \d+ chained audit rows checked/);
    if (closeFirst) ({ database } = await reopen());
  }, 180_000);
});

async function reopen(): Promise<{ database: DatabaseHandle }> {
  const { openDatabase } = await import('../src/db/client.js');
  return { database: await openDatabase({ databaseUrl: null, dataDir: env['PORTICO_DATA_DIR'] ?? '' }) };
}
