/**
 * API benchmark: an authenticated patient read (GET /api/patients/:id: session, patient row,
 * audit append) through the whole Portico stack, against two references, each in its own process:
 * a bare node:http server running the same SQL through the same driver (the floor), and a bare
 * node:http server answering the same JSON from memory. Also GET /healthz against the bare server.
 * The load generator (autocannon) runs in a process of its own. Targets are measured interleaved
 * (A B C D, A B C D, …) for BENCH_ROUNDS rounds; the median of each round's ratio is reported.
 * Prints figures; asserts nothing.
 *
 *   npm run bench:api                                   PGlite (in a worker) in a temp directory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api
 *        PostgreSQL: creates portico_bench_api on that server, drops it after
 *   BENCH_DATABASE_URL=postgres://…/scratch npm run bench:api   that database as is
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=10 BENCH_ROUNDS=3 npm run bench:api   (the defaults)
 *
 * Portico runs as shipped: PORTICO_LOG_LEVEL=info and NODE_ENV=production (the container's), its
 * log lines written to /dev/null; every process gets the environment package.json's start script sets. On PGlite each server gets its own copy of the seeded data folder
 * (an embedded database has one process); on PostgreSQL they share the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { IdentityRepository } from '../server/src/modules/identity/repository.js';
import { SessionService } from '../server/src/modules/identity/sessions.js';
import type { ApiLoadCommand, ApiLoadReply } from './api-load.js';
import { freshBenchDatabase, givenBenchDatabase, type BenchDatabase } from './bench-database.js';
import { startScript } from './start-script.js';
import { envInt, median, table } from './stats.js';

const DURATION = envInt('BENCH_DURATION', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const shipped = await startScript();

function child(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; reply: unknown }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', here(script), ...args], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // Every process with the environment `npm start` sets (glibc's mmap threshold, decision 0061).
    env: { ...process.env, ...shipped.env, ...env },
  });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited early (${code})`)));
    proc.once('message', (reply) => {
      proc.removeAllListeners('exit');
      resolve({ proc, reply });
    });
  });
}

async function target(kind: string, env: Record<string, string>): Promise<{ proc: ChildProcess; origin: string }> {
  const { proc, reply } = await child('./api-targets.ts', [kind], env);
  return { proc, origin: (reply as { origin: string }).origin };
}

/** CPU time the target process has used so far (user + system, every thread), in µs. */
function cpuTime(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listen = (m: unknown): void => {
      if (typeof m !== 'object' || m === null || !('cpu' in m)) return;
      proc.off('message', listen);
      const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
      resolve(user + system);
    };
    proc.on('message', listen);
    proc.send('cpu');
  });
}

function load(generator: ChildProcess, command: ApiLoadCommand): Promise<ApiLoadReply> {
  return new Promise((resolve) => {
    generator.once('message', (m: ApiLoadReply) => resolve(m));
    generator.send(command);
  });
}

/** Seeds the demo and opens a session for the demo patient; returns the cookie and the read path. */
async function prepare(url: string | null, dataDir: string): Promise<{ cookie: string; path: string }> {
  const database = await openDatabase({ databaseUrl: url, dataDir });
  try {
    await migrate(database);
    await seedDemo(database.db);
    const user = await database.db
      .selectFrom('users as u')
      .innerJoin('patients as p', 'p.user_id', 'u.id')
      .select(['u.id', 'p.id as patientId'])
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    // Long enough for every round; the same token for every server.
    const sessions = new SessionService(new IdentityRepository(database.db), {
      idleMinutes: 24 * 60,
      absoluteHours: 24,
      mfaRequiredRoles: [],
      cacheMs: 0,
    });
    const { token } = await sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'bench' });
    return { cookie: `portico_session=${token}`, path: `/api/patients/${user.patientId}` };
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const given = givenBenchDatabase();
  const pg: BenchDatabase | null =
    given ?? (process.env['DATABASE_URL'] ? await freshBenchDatabase('portico_bench_api') : null);
  const tempDir = pg ? null : await mkdtemp(join(tmpdir(), 'portico-bench-api-'));
  const procs: ChildProcess[] = [];
  try {
    const seeded = tempDir ? join(tempDir, 'seeded') : 'memory://';
    const { cookie, path } = await prepare(pg?.url ?? null, seeded);
    const dirFor = async (name: string): Promise<string> => {
      if (!tempDir) return 'memory://';
      await cp(seeded, join(tempDir, name), { recursive: true });
      return join(tempDir, name);
    };
    const dbEnv = async (name: string): Promise<Record<string, string>> =>
      pg?.url ? { BENCH_TARGET_DATABASE_URL: pg.url } : { BENCH_TARGET_DATA_DIR: await dirFor(name) };

    const portico = await target('portico', {
      ...(await dbEnv('portico')),
      PORTICO_LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      // Production asks for the file key outside the data folder; a throwaway one for this run.
      PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64'),
      PORTICO_MFA_KEY: randomBytes(32).toString('base64'),
      PORTICO_SEED_DEMO: 'false',
    });
    procs.push(portico.proc);
    const probe = await fetch(`${portico.origin}${path}`, { headers: { cookie } });
    if (probe.status !== 200) throw new Error(`GET ${path}: ${probe.status} ${await probe.text()}`);
    const body = await probe.text();
    const floor = await target('floor', await dbEnv('floor'));
    procs.push(floor.proc);
    const bare = await target('bare', { BENCH_TARGET_BODY: body });
    procs.push(bare.proc);
    // What the framework alone costs: /healthz in an empty Fastify app, logging like Portico's.
    const fastify = await target('fastify', { NODE_ENV: 'production' });
    procs.push(fastify.proc);
    const generator = (await child('./api-load.ts', [], {})).proc;
    procs.push(generator);

    const targets = [
      {
        key: 'read',
        name: 'Portico GET /api/patients/:id',
        url: `${portico.origin}${path}`,
        headers: { cookie },
        proc: portico.proc,
      },
      {
        key: 'floor',
        name: 'bare node:http, same SQL, same driver',
        url: `${floor.origin}${path}`,
        headers: { cookie },
        proc: floor.proc,
      },
      {
        key: 'bare',
        name: 'bare node:http, same body from memory',
        url: `${bare.origin}${path}`,
        headers: {},
        proc: bare.proc,
      },
      {
        key: 'healthz',
        name: 'Portico GET /healthz',
        url: `${portico.origin}/healthz`,
        headers: {},
        proc: portico.proc,
      },
      {
        key: 'fastify',
        name: 'empty Fastify app, GET /healthz',
        url: `${fastify.origin}/healthz`,
        headers: {},
        proc: fastify.proc,
      },
    ] as const;
    process.stdout.write(
      `Portico API benchmark — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}\n` +
        `database ${pg ? pg.label : 'PGlite in a worker, a copy of the seeded folder per server'}\n` +
        `${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} rounds interleaved, ` +
        `${Buffer.byteLength(body)}-byte JSON body; Portico at PORTICO_LOG_LEVEL=info, NODE_ENV=production\n\n`,
    );
    // Warm-up: JIT, the database's caches, the PGlite worker's first queries.
    for (const t of targets) {
      await load(generator, { url: t.url, headers: { ...t.headers }, connections: CONNECTIONS, duration: 2 });
    }
    // Each run also reports the server's CPU time per answer: on two cores the load generator
    // shares the machine and is often the one at its limit (answers with more header bytes cost
    // it more), so req/s alone partly measures the client; µs of server CPU per answer does not.
    const runs = new Map<string, (ApiLoadReply & { cpuUs: number })[]>(targets.map((t) => [t.key, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        process.stdout.write(`  round ${round}, ${t.name}: `);
        const cpuBefore = await cpuTime(t.proc);
        const r = await load(generator, {
          url: t.url,
          headers: { ...t.headers },
          connections: CONNECTIONS,
          duration: DURATION,
        });
        const cpuUs = (await cpuTime(t.proc)) - cpuBefore;
        if (r.errors > 0 || r.non2xx > 0) throw new Error(`${t.name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
        const perAnswer = cpuUs / r.requests;
        process.stdout.write(
          `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
            `server CPU ${perAnswer.toFixed(1)} µs per answer\n`,
        );
        runs.get(t.key)?.push({ ...r, cpuUs: perAnswer });
      }
    }
    const of = (key: string): (ApiLoadReply & { cpuUs: number })[] => runs.get(key) ?? [];
    const ratios = (a: string, b: string): number[] =>
      of(a).map((r, i) => r.requestsPerSecond / (of(b)[i]?.requestsPerSecond ?? NaN));
    const rows = targets.map((t) => [
      t.name,
      Math.round(median(of(t.key).map((r) => r.requestsPerSecond))).toString(),
      `${median(of(t.key).map((r) => r.p50))} ms`,
      `${median(of(t.key).map((r) => r.p99))} ms`,
      `${median(of(t.key).map((r) => r.cpuUs)).toFixed(1)} µs`,
    ]);
    process.stdout.write(
      `\nmedians of ${ROUNDS} rounds\n${table([['', 'req/s', 'p50', 'p99', 'server CPU per answer'], ...rows])}\n\n`,
    );
    // As an efficiency: the reference's CPU per answer over this one's (1 = as cheap as the reference).
    const cpuRatios = (a: string, b: string): number[] => of(a).map((r, i) => (of(b)[i]?.cpuUs ?? NaN) / r.cpuUs);
    const cpu = (key: string): string => median(of(key).map((r) => r.cpuUs)).toFixed(1);
    const engine = pg ? 'postgres' : 'pglite';
    const rps = (key: string): string => median(of(key).map((r) => r.requestsPerSecond)).toFixed(0);
    const result = (figure: string, value: string, unit: string, ratio?: number[]): void => {
      process.stdout.write(
        `RESULT api ${figure} ${value} ${unit}${ratio ? ` ratio=${median(ratio).toFixed(3)}` : ''}\n`,
      );
    };
    result(`read_${engine}_vs_same_sql`, rps('read'), 'req/s', ratios('read', 'floor'));
    result(`read_${engine}_vs_bare`, rps('read'), 'req/s', ratios('read', 'bare'));
    result(`same_sql_${engine}_vs_bare`, rps('floor'), 'req/s', ratios('floor', 'bare'));
    result(`healthz_vs_bare`, rps('healthz'), 'req/s', ratios('healthz', 'bare'));
    result(`healthz_vs_empty_fastify`, rps('healthz'), 'req/s', ratios('healthz', 'fastify'));
    result(`empty_fastify_healthz_vs_bare`, rps('fastify'), 'req/s', ratios('fastify', 'bare'));
    result(`healthz_cpu_vs_bare`, cpu('healthz'), 'us/answer', cpuRatios('healthz', 'bare'));
    result(`healthz_cpu_vs_empty_fastify`, cpu('healthz'), 'us/answer', cpuRatios('healthz', 'fastify'));
    result(`empty_fastify_healthz_cpu_vs_bare`, cpu('fastify'), 'us/answer', cpuRatios('fastify', 'bare'));
    result(`read_${engine}_cpu_vs_same_sql`, cpu('read'), 'us/answer', cpuRatios('read', 'floor'));
    result(`read_${engine}_p99`, median(of('read').map((r) => r.p99)).toString(), 'ms');
  } finally {
    for (const p of procs.reverse()) {
      if (p.connected) p.disconnect();
    }
    await Promise.all(
      procs.map((p) => new Promise((resolve) => (p.exitCode !== null ? resolve(null) : p.once('exit', resolve)))),
    );
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    await pg?.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
