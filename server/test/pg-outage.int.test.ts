import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './context.js';
import { PrivateCluster, postgresBinDir } from './pg-cluster.js';
import {
  freePort,
  processEnv,
  runPortico,
  signIn,
  startPortico,
  type HttpSession,
  type RunningPortico,
} from './process-helpers.js';

/**
 * PostgreSQL restarting under load: Portico must stay up, say 503 (not crash, not 500) while the
 * database is gone, come back by itself (the visit bus too), and keep every acknowledged write
 * exactly once; a transaction cut mid-way leaves nothing behind; a Portico started before its
 * database waits for it. Runs in the PostgreSQL pass (PORTICO_TEST_DATABASE_URL), on a server of
 * its own; the tests run in order on that one server.
 */
const bin = await postgresBinDir();
const PASSWORD = 's3cret-pw';
const withPassword = (url: string): string => url.replace('postgres@', `postgres:${PASSWORD}@`);
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
      // The server trusts every local connection: the password is there to be hidden in the logs.
      DATABASE_URL: withPassword(cluster.url),
      PORTICO_DATABASE_CONNECT_TIMEOUT_MS: '2000',
      // Long enough that only the bus can make Portico forget a cached session in this test.
      PORTICO_SESSION_CACHE_SECONDS: '300',
    });
  }, 240_000);

  afterAll(async () => {
    portico?.child.kill('SIGKILL');
    await portico?.exited;
    await cluster?.destroy();
  });

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    return client;
  };

  /**
   * A session Portico holds in its cache, ended in the database behind its back: only the bus
   * message another instance sends ("forget this account's sessions") makes Portico notice.
   */
  const expectBusDelivery = async (client: pg.Client): Promise<void> => {
    const probe = await signIn(base, 'patient@example.org', 'Harbor-demo-2026');
    const signedIn = async (): Promise<boolean> =>
      ((await (await probe.request('GET', '/api/auth/session')).json()) as { session: unknown }).session !== null;
    expect(await signedIn()).toBe(true);
    const { rows } = await client.query<{ id: string }>(
      `update sessions set ended_at = now(), end_reason = 'test' from users u
        where u.id = sessions.user_id and u.email = 'patient@example.org' and ended_at is null returning u.id`,
    );
    const userId = rows[0]?.id ?? '';
    expect(await signedIn()).toBe(true);
    await client.query(`select pg_notify('portico_visits', $1)`, [
      JSON.stringify({ kind: 'sessions', forget: { userId } }),
    ]);
    await expect.poll(signedIn, { timeout: 15_000, interval: 200 }).toBe(false);
  };

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
    const client = await connect();
    try {
      // Every acknowledged message is there exactly once, and every thread has its one message.
      const { rows } = await client.query<{ subject: string; n: string }>(
        `select subject, count(*)::text as n from message_threads where subject like 'outage %' group by subject`,
      );
      const counts = new Map(rows.map((r) => [r.subject, Number(r.n)]));
      const missing = acknowledged.filter((s) => counts.get(s) !== 1);
      expect(missing).toEqual([]);
      expect(rows.every((r) => r.n === '1')).toBe(true);
      const { rows: threads } = await client.query<{ subject: string; n: string }>(
        `select t.subject, count(m.id)::text as n from message_threads t left join messages m on m.thread_id = t.id
          where t.subject like 'outage %' group by t.id, t.subject having count(m.id) <> 1`,
      );
      expect(threads).toEqual([]);

      // 4. The visit bus listens again and hears what another instance publishes.
      await expect
        .poll(async () => (await client.query(`select 1 from pg_stat_activity where query ilike 'LISTEN%'`)).rowCount, {
          timeout: 30_000,
          interval: 200,
        })
        .toBeGreaterThan(0);
      await expectBusDelivery(client);
    } finally {
      await client.end();
    }
    // The operator learns which server went away, without its password.
    expect(portico.errors()).toContain(
      `Database connection lost to postgres://postgres:***@127.0.0.1:${cluster.port}/postgres (DATABASE_URL)`,
    );
    expect(portico.errors()).not.toMatch(/Harbor-demo-2026|password|s3cret/i);
  }, 300_000);

  it('reports a transaction cut mid-way as failed, keeps nothing of it, and takes the retry exactly once', async () => {
    const patient = await signIn(base, 'patient@example.org', 'Harbor-demo-2026');
    const options = (await (await patient.request('GET', '/api/messages/options')).json()) as {
      pools: { id: string }[];
    };
    const subject = `cut ${randomUUID()}`;
    const key = randomUUID();
    const send = (): Promise<Response> =>
      patient.request(
        'POST',
        '/api/messages/threads',
        { topic: 'question', subject, body: 'Half a message?', poolId: options.pools[0]?.id },
        { 'idempotency-key': key },
      );
    const client = await connect();
    const locker = await connect();
    const count = async (query: string, params: unknown[] = []): Promise<number> =>
      Number((await client.query<{ n: string }>(query, params)).rows[0]?.n);
    const audited = (): Promise<number> =>
      count(`select count(*)::text as n from audit_events where action = 'message.start'`);
    try {
      const auditBefore = await audited();
      // The send claims its key, then waits for the thread table: its transaction is half done.
      await locker.query('begin');
      await locker.query('lock table message_threads in exclusive mode');
      const answer = send();
      const blocked = async (): Promise<number | null> =>
        (
          await client.query<{ pid: number }>(
            `select pid from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%message_threads%'`,
          )
        ).rows[0]?.pid ?? null;
      await expect.poll(blocked, { timeout: 30_000, interval: 100 }).not.toBeNull();
      // An operator (or a fail-over) ends that backend mid-transaction.
      await client.query('select pg_terminate_backend($1)', [await blocked()]);
      const res = await answer;
      await locker.query('rollback');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { code: string }).code).toBe('database_unavailable');

      // Nothing of it is left: no thread, no message, no audit row, no stored answer for its key.
      expect(await count(`select count(*)::text as n from message_threads where subject = $1`, [subject])).toBe(0);
      expect(await count(`select count(*)::text as n from messages where body = 'Half a message?'`)).toBe(0);
      expect(await audited()).toBe(auditBefore);
      const keyHash = createHash('sha256').update(key).digest('hex');
      const keyRows = `select count(*)::text as n from idempotent_requests where key_hash = $1`;
      expect(await count(keyRows, [keyHash])).toBe(0);

      // The client retries with the same key: one thread, one message; a second retry replays it.
      const retried = await send();
      expect(retried.status).toBe(201);
      const again = await send();
      expect(again.status).toBe(201);
      const ids = [retried, again].map(async (r) => ((await r.json()) as { id: string }).id);
      const [first, second] = await Promise.all(ids);
      expect(second).toBe(first);
      expect(await count(`select count(*)::text as n from message_threads where subject = $1`, [subject])).toBe(1);
      expect(await count(`select count(*)::text as n from messages where body = 'Half a message?'`)).toBe(1);
      expect(await audited()).toBe(auditBefore + 1);
      expect(await count(keyRows, [keyHash])).toBe(1);
    } finally {
      await locker.end();
      await client.end();
    }
  }, 120_000);

  it('started while PostgreSQL is down, waits for it and becomes ready when it comes up', async () => {
    await cluster.stop();
    const port = await freePort();
    const waiting = runPortico({
      ...processEnv(cluster.dir, port),
      DATABASE_URL: withPassword(cluster.url),
      PORTICO_DATABASE_WAIT_SECONDS: '300',
    });
    try {
      await expect
        .poll(() => waiting.output(), { timeout: 120_000, interval: 200 })
        .toContain(
          `Waiting for PostgreSQL at postgres://postgres:***@127.0.0.1:${cluster.port}/postgres (DATABASE_URL)`,
        );
      expect(waiting.child.exitCode).toBeNull();
      await cluster.start();
      const ready = async (): Promise<number> =>
        (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => null))
          ?.status ?? 0;
      await expect.poll(ready, { timeout: 180_000, interval: 250 }).toBe(200);
      expect(waiting.output() + waiting.errors()).not.toContain(PASSWORD);
    } finally {
      waiting.child.kill('SIGKILL');
      await waiting.exited;
    }
  }, 300_000);
});
