import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_DATABASE_URL } from './context.js';
import { freePort, processEnv, signIn, startPortico, waitUntil, type RunningPortico } from './process-helpers.js';

/**
 * SIGTERM with requests in flight and a visit page connected: every request is answered, the
 * visit page is told "server restarting" (1012) so it reconnects at once, and the process exits 0
 * within its grace period. On the embedded database, and on PostgreSQL in that pass.
 */
const GRACE_SECONDS = 10;

/** A throwaway database on the shared PostgreSQL server, so demo data loads into an empty one. */
async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(TEST_DATABASE_URL ?? '');
  const name = `portico_shutdown_${randomUUID().slice(0, 8)}`;
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`drop database if exists ${name} with (force)`) };
}

describe('graceful shutdown', () => {
  let dir = '';
  let portico: RunningPortico;
  let base = '';
  let dropDatabase: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-shutdown-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    let databaseUrl: Record<string, string> = {};
    if (TEST_DATABASE_URL) {
      const fresh = await freshPostgresDatabase();
      dropDatabase = fresh.drop;
      databaseUrl = { DATABASE_URL: fresh.url };
    }
    portico = await startPortico({
      ...processEnv(dir, port),
      ...databaseUrl,
      PORTICO_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      PORTICO_SHUTDOWN_DRAIN_SECONDS: '2',
    });
  }, 240_000);

  afterAll(async () => {
    if (portico?.child.exitCode === null) portico.child.kill('SIGKILL');
    await dropDatabase();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers what is in flight, tells visit pages the server is restarting, and exits 0 in time', async () => {
    const clinician = await signIn(base, 'clinician@example.org', 'Harbor-demo-2026');
    // The demo visit is about 20 minutes ahead: today in the clinic's time zone, or just after midnight.
    let appointmentId: string | undefined;
    for (const offset of [0, 1]) {
      const date = new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', {
        timeZone: 'America/New_York',
      });
      const queue = (await (await clinician.request('GET', `/api/visits/queue?date=${date}`)).json()) as {
        visits: { appointmentId: string }[];
      };
      appointmentId ??= queue.visits[0]?.appointmentId;
    }
    expect(appointmentId).toBeDefined();

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'clinician@example.org', password: 'Harbor-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/visits/${appointmentId}/socket`, {
      headers: { cookie, origin: base },
    });
    const welcomed = new Promise<void>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'welcome') resolve();
      });
      socket.on('error', reject);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
    await welcomed;

    // Requests in flight as the signal arrives: the server drains (keeps answering, with
    // `Connection: close`) before its port closes, so every one is answered in full.
    const started = Date.now();
    let answered = 0;
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      clinician.request('GET', `/api/directory/clinicians?q=${i % 2 ? 'heart' : 'skin'}`).then(async (res) => {
        answered++;
        const body = (await res.json()) as { clinicians?: unknown[] };
        return { status: res.status, found: body.clinicians?.length ?? 0, connection: res.headers.get('connection') };
      }),
    );
    await waitUntil(() => answered > 0, 60_000, 'the first answer');
    portico.child.kill('SIGTERM');
    // After the signal, readiness fails (a load balancer stops sending) and answers close their
    // connections. Asked at once, while the in-flight requests are still being answered: on a busy
    // machine those can outlast the drain window, and the port closes when it ends.
    let draining = await fetch(`${base}/readyz`);
    while (draining.status === 200) {
      await draining.body?.cancel();
      draining = await fetch(`${base}/readyz`);
    }
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(outcomes.every((o) => o.found > 0)).toBe(true);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ reasons: ['shutting down'] });
    expect(draining.headers.get('connection')).toBe('close');

    expect(await closed).toEqual({ code: 1012, reason: 'server restarting' });
    expect(await portico.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(GRACE_SECONDS * 1000);
    expect(portico.output()).toContain('Portico stopped.');
  }, 120_000);
});
