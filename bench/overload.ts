/**
 * Overload benchmark: 200 connections of mixed reads and writes for 30 s against one Portico
 * process, on each engine — once with load shedding off (the reference, measured in the same run)
 * and once as shipped (event-loop lag, standing database queue, per-session write limits).
 * The clients run in a child process (bench/http-load.ts) with a 10 s time-out, as a person or a
 * load balancer would give up, and each waits out a 503's or 429's Retry-After before its next
 * request, as browsers and our web app do (BENCH_IGNORE_RETRY_AFTER=1: clients that hammer). Prints figures and RESULT lines; asserts no timings. Goal (issue
 * 12): accepted p99 < 1 s, rejected answers within 50 ms, no client time-outs.
 *
 *   npm run bench:overload
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=100 BENCH_ENGINES=pglite npm run bench:overload
 *   PORTICO_MAX_IN_FLIGHT=32 npm run bench:overload     # other shedding limits for the shipped mode
 *   BENCH_MAX_IN_FLIGHT=32,16 npm run bench:overload    # also as shipped with these in-flight caps
 *
 * Beside the load, 10 client lanes ask a bare node:http server that answers Portico's 503 at once
 * (bench/refusal-floor.ts, its own process): its p99 is the floor this client can measure for a
 * turned-away answer on this machine, and the event-loop delay of both processes says where the
 * rest of the wait is.
 *
 * PostgreSQL: a fresh database `portico_bench_overload` on postgres://postgres@127.0.0.1:5432 (or
 * the server DATABASE_URL names), dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { operationsConfig } from '../server/src/config/operations.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { freshBenchDatabase, type BenchDatabase } from './bench-database.js';
import { createPatients, getJson, signInAll } from './booking-setup.js';
import type { LoadRequest, LoadResult, Probe } from './http-load.js';
import { LoadClient } from './load-client.js';
import { envInt, ms, summarize, table } from './stats.js';

const SECONDS = envInt('BENCH_SECONDS', 30);
const WARM_UP_SECONDS = envInt('BENCH_WARM_UP_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 200);
const PATIENTS = envInt('BENCH_PATIENTS', 100);
const ENGINES = (process.env['BENCH_ENGINES'] || 'pglite,postgres').split(',').map((e) => e.trim());

/** The reference: every request queues, however long the queue gets. */
const NO_SHEDDING: Record<string, string> = {
  PORTICO_MAX_DATABASE_WAIT_MS: '0',
  PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
  PORTICO_MAX_DATABASE_QUEUE: '100000',
  PORTICO_MAX_IN_FLIGHT: '100000',
  PORTICO_WRITE_RATE_LIMIT: '1000000',
};
/** As shipped: the defaults, or the shedding settings given to the bench (to try other limits). */
const SHIPPED: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => /^PORTICO_(MAX_|WRITE_RATE_LIMIT)/.test(e[0]) && e[1] !== undefined,
  ),
);
/** The modes run on each engine, in order: the reference, as shipped, and any in-flight caps to compare. */
const MODES: Record<string, Record<string, string>> = {
  'no shedding': NO_SHEDDING,
  shedding: SHIPPED,
  ...Object.fromEntries(
    (process.env['BENCH_MAX_IN_FLIGHT'] ?? '')
      .split(',')
      .filter((v) => v.trim() !== '')
      .map((v) => [`shedding, ${v.trim()} in flight`, { ...SHIPPED, PORTICO_MAX_IN_FLIGHT: v.trim() }]),
  ),
};

interface Figures {
  engine: string;
  mode: string;
  accepted: LoadResult[];
  rejected: LoadResult[];
  timedOut: number;
  failed: number;
  seconds: number;
  serverMeanMs: number;
  /** The bare 503 server's answers, asked by the same client during the same run. */
  floor: LoadResult[];
  /** Event-loop delay p99 (ms) of the process running Portico, and of the load generator. */
  serverLagP99Ms: number;
  clientLagP99Ms: number;
}

/** Starts the bare refusal server (bench/refusal-floor.ts) in its own process. */
function startRefusalFloor(): Promise<{ proc: ChildProcess; origin: string }> {
  const script = fileURLToPath(new URL('./refusal-floor.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`the refusal floor exited early (${code})`)));
    proc.once('message', (m: { origin: string }) => {
      proc.removeAllListeners('exit');
      resolve({ proc, origin: m.origin });
    });
  });
}

/** The mean time requests spent in the server, from its own Prometheus histogram. */
async function serverMeanMsFrom(origin: string): Promise<number> {
  const lines = (await (await fetch(`${origin}/metrics`)).text()).split('\n');
  const total = (metric: string) =>
    lines.filter((l) => l.startsWith(metric)).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  const count = total('portico_http_request_duration_seconds_count');
  return count > 0 ? (total('portico_http_request_duration_seconds_sum') / count) * 1000 : NaN;
}

/** Reads and writes as patients make them: directory search, their lists, and a new message. */
function mixedRequests(patients: Record<string, string>[], poolId: string): LoadRequest[] {
  return patients.flatMap((headers, i) => [
    { method: 'GET', path: `/api/directory/clinicians?q=${i % 2 ? 'heart' : 'skin'}`, headers },
    { method: 'GET', path: '/api/appointments', headers },
    { method: 'GET', path: '/api/messages/threads', headers },
    {
      method: 'POST',
      path: '/api/messages/threads',
      headers,
      body: { topic: 'question', subject: `Overload ${i}`, body: 'A question during the benchmark.', poolId },
    },
  ]);
}

async function runMode(
  engine: string,
  mode: string,
  database: DatabaseHandle,
  load: LoadClient,
  probe: Probe,
): Promise<Figures> {
  const config = loadConfig({
    PORTICO_PORT: '0',
    PORTICO_HOST: '127.0.0.1',
    PORTICO_LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] || 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_AUTH_RATE_LIMIT: '100000',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...MODES[mode],
  });
  const { app } = await buildApp(config, database);
  try {
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    // Set-up, not measured: sign-ins are writes too, so they happen before the limits matter.
    const { emails } = await createPatients(database, PATIENTS);
    const patients = await signInAll(origin, emails);
    const first = patients[0];
    if (!first) throw new Error('no patients');
    const { json: options } = await getJson<{ pools: { id: string }[] }>(`${origin}/api/messages/options`, {
      headers: first,
    });
    const poolId = options.pools[0]?.id;
    if (!poolId) throw new Error('no message pool in the demo data');
    const requests = mixedRequests(patients, poolId);
    await load.timed(origin, requests, CONNECTIONS, WARM_UP_SECONDS);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const { results, wallMs, probeResults, clientLagP99Ms } = await load.timed(
      origin,
      requests,
      CONNECTIONS,
      SECONDS,
      probe,
    );
    lag.disable();
    // Time inside the server (from the request's first hook to the answer): the rest of what a
    // client waits is queueing before the server reads the request, or in the client itself.
    const serverMeanMs = await serverMeanMsFrom(origin);
    const shed = (r: LoadResult) => r.status === 503 || r.status === 429;
    return {
      engine,
      mode,
      accepted: results.filter((r) => r.status > 0 && !shed(r)),
      rejected: results.filter(shed),
      timedOut: results.filter((r) => r.status === 0 && r.code === 'timeout').length,
      failed: results.filter((r) => r.status === 0 && r.code !== 'timeout').length,
      seconds: wallMs / 1000,
      serverMeanMs,
      floor: probeResults,
      serverLagP99Ms: lag.percentile(99) / 1e6,
      clientLagP99Ms,
    };
  } finally {
    await app.close();
  }
}

async function openEngine(
  engine: string,
): Promise<{ database: DatabaseHandle; target: BenchDatabase | null; label: string }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    return { database, target: null, label: 'embedded PGlite (in memory)' };
  }
  if (engine !== 'postgres') throw new Error(`unknown engine "${engine}" (pglite or postgres)`);
  const target = await freshBenchDatabase('portico_bench_overload');
  // The pool Portico would open for this address (PORTICO_DATABASE_POOL_SIZE, or its default).
  const poolSize = operationsConfig({ ...process.env, DATABASE_URL: target.url ?? undefined }).databasePoolSize;
  const database = await openDatabase({ databaseUrl: target.url, dataDir: 'memory://', poolSize });
  return { database, target, label: `PostgreSQL, ${target.label}, pool of ${poolSize}` };
}

async function main(): Promise<void> {
  console.log(
    `Portico overload benchmark — node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
      `${CONNECTIONS} connections, ${SECONDS} s measured after ${WARM_UP_SECONDS} s warm-up, ${PATIENTS} signed-in patients, ` +
      `client time-out ${Number(process.env['BENCH_CLIENT_TIMEOUT_MS'] || 10_000) / 1000} s; ` +
      `load average at start ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );
  const load = await LoadClient.start();
  const floor = await startRefusalFloor();
  // As many lanes as Portico turns away per second, roughly (136 waiting clients / 2 s Retry-After).
  const probe: Probe = { origin: floor.origin, path: '/api/anything', lanes: 10, pauseMs: 150 };
  const all: Figures[] = [];
  try {
    for (const engine of ENGINES) {
      const { database, target, label } = await openEngine(engine);
      try {
        await migrate(database);
        await seedDemo(database.db);
        console.log(`${engine}: ${label}`);
        for (const mode of Object.keys(MODES)) {
          const figures = await runMode(engine, mode, database, load, probe);
          all.push(figures);
          const codes = new Map<string, number>();
          for (const r of figures.rejected) {
            const key = `${r.status} ${r.code ?? ''}`;
            codes.set(key, (codes.get(key) ?? 0) + 1);
          }
          const why = [...codes].map(([c, n]) => `${n} × ${c}`).join(', ');
          const awayBy = (m: string) =>
            ms(summarize(figures.rejected.filter((r) => r.method === m).map((r) => r.ms)).p99);
          console.log(`    turned away p99: GET ${awayBy('GET')}, POST ${awayBy('POST')}`);
          console.log(
            `  ${mode}: ${figures.accepted.length} accepted, ${figures.rejected.length} turned away${why ? ` (${why})` : ''}, ${figures.timedOut} timed out`,
          );
        }
      } finally {
        await database.close();
        await target?.dispose();
      }
    }
  } finally {
    load.stop();
    floor.proc.disconnect();
  }

  const rows = [
    [
      'engine / mode',
      'accepted',
      'per s',
      'p50',
      'p99',
      'turned away',
      'p99 (away)',
      'timed out',
      'failed',
      'in server',
      'bare 503 p99',
      'loop p99 (server / client)',
    ],
    ...all.map((f) => {
      const ok = summarize(f.accepted.map((r) => r.ms));
      const away = summarize(f.rejected.map((r) => r.ms));
      return [
        `${f.engine} / ${f.mode}`,
        String(ok.count),
        (ok.count / f.seconds).toFixed(0),
        ms(ok.p50),
        ms(ok.p99),
        String(away.count),
        ms(away.p99),
        String(f.timedOut),
        String(f.failed),
        ms(f.serverMeanMs),
        ms(summarize(f.floor.map((r) => r.ms)).p99),
        `${ms(f.serverLagP99Ms)} / ${ms(f.clientLagP99Ms)}`,
      ];
    }),
  ];
  console.log(`\n${table(rows)}\n`);
  for (const f of all) {
    const key = `overload.${f.engine}.${f.mode.replace(/[^a-z0-9]+/g, '_')}`;
    const ok = summarize(f.accepted.map((r) => r.ms));
    const away = summarize(f.rejected.map((r) => r.ms));
    const bare = summarize(f.floor.map((r) => r.ms));
    console.log(
      `RESULT ${key} accepted=${ok.count} accepted_per_s=${(ok.count / f.seconds).toFixed(1)} accepted_p99_ms=${ok.p99.toFixed(1)} ` +
        `rejected=${away.count} rejected_p99_ms=${Number.isFinite(away.p99) ? away.p99.toFixed(1) : 'NaN'} timed_out=${f.timedOut} failed=${f.failed} server_mean_ms=${f.serverMeanMs.toFixed(1)} ` +
        `bare_refusal_p99_ms=${bare.p99.toFixed(1)} server_loop_p99_ms=${f.serverLagP99Ms.toFixed(1)} client_loop_p99_ms=${f.clientLagP99Ms.toFixed(1)}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
