import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './context.js';
import { PrivateCluster, postgresBinDir } from './pg-cluster.js';
import {
  freePort,
  processEnv,
  signIn,
  startPortico,
  type HttpSession,
  type RunningPortico,
} from './process-helpers.js';

/**
 * PostgreSQL restarting under load: Portico must stay up, say 503 (not crash, not 500) while the
 * database is gone, come back by itself, and keep every acknowledged write exactly once.
 * Runs in the PostgreSQL pass (PORTICO_TEST_DATABASE_URL), on a server of its own.
 */
const bin = await postgresBinDir();
const enabled = TEST_DATABASE_URL !== null && bin !== null;

describe.runIf(enabled)('a PostgreSQL restart under load', () => {
  let cluster: PrivateCluster;
  let portico: RunningPortico;
  let base = '';

  beforeAll(async () => {
    cluster = await PrivateCluster.create(bin ?? '');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    portico = await startPortico({
      ...processEnv(cluster.dir, port),
      DATABASE_URL: cluster.url,
      PORTICO_DATABASE_CONNECT_TIMEOUT_MS: '2000',
    });
  }, 240_000);

  afterAll(async () => {
    portico?.child.kill('SIGKILL');
    await portico?.exited;
    await cluster?.destroy();
  });

  const readiness = async (): Promise<{ status: number; reasons: string[] }> => {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!res) return { status: 0, reasons: ['no answer'] };
    const body = (await res.json()) as { reasons?: string[] };
    return { status: res.status, reasons: body.reasons ?? [] };
  };

  it('stays up, answers 503 while the database is down, recovers alone, and loses or doubles no write', async () => {
    const patient = await signIn(base, 'patient@example.org', 'Harbor-demo-2026');
    const options = (await (await patient.request('GET', '/api/messages/options')).json()) as {
      pools: { id: string }[];
    };
    const poolId = options.pools[0]?.id;
    expect(poolId).toBeDefined();

    const acknowledged: string[] = [];
    const outcomes = new Map<number, number>();
    const unavailable: { code: string; retryAfter: string | null }[] = [];
    let stop = false;
    const worker = async (w: number, session: HttpSession): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const subject = `outage ${w}-${i}`;
        const res = await session
          .request('POST', '/api/messages/threads', { topic: 'question', subject, body: 'Still there?', poolId })
          .catch(() => null);
        const status = res?.status ?? 0;
        outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
        if (status === 201) acknowledged.push(subject);
        else if (res && status === 503) {
          const problem = (await res.json()) as { code: string };
          unavailable.push({ code: problem.code, retryAfter: res.headers.get('retry-after') });
          // A real client honours Retry-After; a short pause keeps the loop from spinning.
          await new Promise((resolve) => setTimeout(resolve, 100));
        } else await res?.text();
      }
    };
    const sessions = [patient, await signIn(base, 'patient@example.org', 'Harbor-demo-2026')];
    const workers = sessions.map((s, w) => worker(w, s));
    const ackedAtLeast = async (n: number): Promise<void> =>
      expect.poll(() => acknowledged.length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(n);

    try {
      await ackedAtLeast(10);
      // 1. An operator ends every backend: the pool must drop them, and nothing crashes.
      expect(await cluster.terminateBackends()).toBeGreaterThan(0);
      await ackedAtLeast(acknowledged.length + 10);

      // 2. The server goes away: readiness says why, writes get 503 with Retry-After, the process lives.
      await cluster.stop();
      await expect.poll(async () => (await readiness()).status, { timeout: 30_000, interval: 200 }).toBe(503);
      expect((await readiness()).reasons.join(' ')).toMatch(/^database: /);
      await expect.poll(() => unavailable.length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
      expect(unavailable.every((u) => u.code === 'database_unavailable' && u.retryAfter === '5')).toBe(true);
      expect(portico.child.exitCode).toBeNull();

      // 3. It comes back: Portico reconnects without a restart.
      const before = acknowledged.length;
      await cluster.start();
      await expect.poll(async () => (await readiness()).status, { timeout: 60_000, interval: 200 }).toBe(200);
      await ackedAtLeast(before + 10);
    } finally {
      stop = true;
      await Promise.all(workers);
    }

    expect(portico.child.exitCode).toBeNull();
    expect(outcomes.get(500) ?? 0).toBe(0);
    // Every acknowledged message is there exactly once.
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ subject: string; n: string }>(
        `select subject, count(*)::text as n from message_threads where subject like 'outage %' group by subject`,
      );
      const counts = new Map(rows.map((r) => [r.subject, Number(r.n)]));
      const missing = acknowledged.filter((s) => counts.get(s) !== 1);
      expect(missing).toEqual([]);
      expect(rows.every((r) => r.n === '1')).toBe(true);
    } finally {
      await client.end();
    }
    expect(portico.errors()).not.toMatch(/Harbor-demo-2026|password/i);
  }, 300_000);
});
