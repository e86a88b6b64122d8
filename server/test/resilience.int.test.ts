import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { QueueDelay } from '../src/db/queue-delay.js';
import { TEST_DATABASE_URL, createTestContext, createUser, signIn, type TestContext } from './context.js';
import { openPgliteFromTemplate } from './db-template.js';
import { freePort } from './process-helpers.js';
import { TestSocket, checkInAndStart, createVisit, listen } from './visit-fixtures.js';

/** Overload, a database out of reach and a full disk, on a real database with app.inject(). */
const openTestDatabase = (): Promise<DatabaseHandle> =>
  TEST_DATABASE_URL
    ? openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 4 })
    : openPgliteFromTemplate('migrated');

const baseEnv = {
  PORTICO_LOG_LEVEL: 'silent',
  PORTICO_DATA_DIR: 'memory://',
  PORTICO_AUTH_RATE_LIMIT: '1000',
  // The event-loop signal has its own test below; here the database signals are under test.
  PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
};

class StandingQueue extends QueueDelay {
  standing = 0;
  override standingMs(): number {
    return this.standing;
  }
}

describe('load shedding', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let waiting = 0;
  const queue = new StandingQueue();

  beforeAll(async () => {
    database = await openTestDatabase();
    await migrate(database);
    // The real database, with the two pressure readings under the test's control.
    const pressured: DatabaseHandle = { ...database, waiting: () => waiting, queueDelay: queue };
    ({ app } = await buildApp(loadConfig(baseEnv), pressured, false));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('turns requests away at once with 503 + Retry-After while queries pile up, and still answers probes', async () => {
    waiting = 10_000;
    const shed = await app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('2');
    expect(shed.json()).toMatchObject({ code: 'overloaded', retryAfterSeconds: 2 });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    waiting = 0;
    expect((await app.inject({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
  });

  it('turns requests away while every query has been waiting for a connection (a standing queue)', async () => {
    queue.standing = 800;
    const shed = await app.inject({ method: 'GET', url: '/api/directory/clinicians' });
    expect(shed.statusCode).toBe(503);
    expect(shed.json()).toMatchObject({ code: 'overloaded' });
    queue.standing = 20;
    expect((await app.inject({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
  });
});

describe('the in-flight cap', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PORTICO_MAX_IN_FLIGHT: '2' });
  });
  afterAll(() => ctx.close());

  it('turns away what is over the cap at once, and frees each place when its answer is sent', async () => {
    // One after another: never more than one in flight, however many there are.
    for (let i = 0; i < 10; i++) {
      expect((await ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians' })).statusCode).toBe(200);
    }
    // All at once: two are worked on, the rest are refused without waiting.
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians' })),
    );
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 503)).toHaveLength(10);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians' })).statusCode).toBe(200);
  });

  it('does not count open visit sockets as requests in flight', async () => {
    // Each visit page holds a WebSocket for as long as it is open. Counted as requests in
    // flight, the first visits would have filled the cap for good and every API request after
    // them would have been refused.
    const host = await listen(ctx);
    const sockets: TestSocket[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const v = await createVisit(ctx);
        await checkInAndStart(v);
        const patient = await TestSocket.open(host, v.appointmentId, v.patient);
        await patient.next('welcome');
        sockets.push(patient);
        const clinician = await TestSocket.open(host, v.appointmentId, v.clinician);
        await clinician.next('welcome');
        sockets.push(clinician);
      }
      for (let i = 0; i < 3; i++) {
        expect((await ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians' })).statusCode).toBe(200);
      }
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

describe('event-loop lag', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PORTICO_MAX_EVENT_LOOP_DELAY_MS: '50' });
  });
  afterAll(() => ctx.close());

  /** Holds the event loop for `ms`, as a burst of synchronous work would. */
  const block = (ms: number): void => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // busy on purpose
    }
  };

  it('turns requests away while the loop lags, answers probes, and recovers when it turns again', async () => {
    const session = () => ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
    // The check starts two seconds after start-up; each attempt lags the loop and asks again.
    await expect
      .poll(
        async () => {
          block(400);
          await new Promise((resolve) => setImmediate(resolve));
          return (await session()).statusCode;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(503);
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await expect.poll(async () => (await session()).statusCode, { timeout: 30_000, interval: 100 }).toBe(200);
  });
});

describe('a heap near its limit', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // 1 MiB: any running process is past it, as one near V8's heap limit would be.
    ctx = await createTestContext({ PORTICO_MAX_HEAP_USED_MB: '1' });
  });
  afterAll(() => ctx.close());

  it('turns requests away with 503 overloaded + Retry-After, and still answers probes', async () => {
    // The heap is sampled every 200 ms; the first sample decides.
    const shed = await vi.waitFor(
      async () => {
        const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
        expect(res.statusCode).toBe(503);
        return res;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(shed.headers['retry-after']).toBe('2');
    expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(shed.json()).toMatchObject({ code: 'overloaded', retryAfterSeconds: 2 });
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('defaults to 85% of V8 heap limit, and 0 turns the check off', () => {
    const limitMb = getHeapStatistics().heap_size_limit / (1024 * 1024);
    expect(loadConfig({}).ops.maxHeapUsedMb).toBe(Math.floor(limitMb * 0.85));
    expect(loadConfig({ PORTICO_MAX_HEAP_USED_MB: '0' }).ops.maxHeapUsedMb).toBe(0);
  });
});

describe('write limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PORTICO_WRITE_RATE_LIMIT: '3' });
  });
  afterAll(() => ctx.close());

  it('limits how many changes one session makes in a minute, counting each session on its own', async () => {
    const agent = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await agent.inject('POST', '/api/messages/threads', { topic: 'question' })).statusCode);
    }
    // Three malformed sends are answered (400); the fourth write is over the limit.
    expect(statuses).toEqual([400, 400, 400, 429]);
    const limited = await agent.inject('POST', '/api/messages/threads', { topic: 'question' });
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(limited.headers['retry-after']).toBe('60');
    // Reads are not writes, and another session has its own allowance.
    expect((await agent.inject('GET', '/api/auth/session')).statusCode).toBe(200);
    const other = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await other.inject('POST', '/api/messages/threads', { topic: 'question' })).statusCode).toBe(400);
  });
});

describe('a database out of reach', () => {
  it('answers 503 database_unavailable with Retry-After, and /readyz says why, without leaking the URL', async () => {
    const port = await freePort();
    const database = await openDatabase({
      databaseUrl: `postgres://portico:s3cret-pw@127.0.0.1:${port}/portico`,
      dataDir: 'memory://',
      connectTimeoutMs: 1000,
    });
    const { app } = await buildApp(loadConfig(baseEnv), database, false);
    try {
      await app.ready();
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'someone@example.org', password: 'whatever-it-is' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ code: 'database_unavailable', retryAfterSeconds: 5 });
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json<{ reasons: string[] }>().reasons).toContain('database: connection failed (ECONNREFUSED)');
      expect(res.body + ready.body).not.toContain('s3cret-pw');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

const isRoot = process.getuid?.() === 0;

describe.runIf(isRoot)('a full or read-only disk', () => {
  let mount = '';
  let database: DatabaseHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    mount = await mkdtemp(join(tmpdir(), 'portico-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
    database = await openTestDatabase();
    await migrate(database);
    const config = loadConfig({ ...baseEnv, PORTICO_FILES_DIR: mount, PORTICO_MIN_FREE_DISK_MB: '2' });
    ({ app } = await buildApp(config, database, false));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    execFileSync('umount', ['-l', mount]);
    await rm(mount, { recursive: true, force: true });
  });

  it('fails readiness, naming the folder, while free space is under the minimum, and recovers when freed', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await writeFile(join(mount, 'ballast'), Buffer.alloc(3 * 1024 * 1024));
    const full = await app.inject({ method: 'GET', url: '/readyz' });
    expect(full.statusCode).toBe(503);
    expect(full.json<{ reasons: string[] }>().reasons.join()).toMatch(
      /^files folder: [01] MiB free, below the 2 MiB minimum$/,
    );
    await rm(join(mount, 'ballast'));
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('fails readiness when the folder cannot be written', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mount]);
    try {
      const ro = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ro.statusCode).toBe(503);
      expect(ro.json<{ reasons: string[] }>().reasons).toContain('files folder: cannot write (EROFS)');
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mount]);
    }
  });
});
