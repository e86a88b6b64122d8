/**
 * Directory benchmark: "Find a Virtual Visit Doctor" over the demo directory scaled to 5,000
 * clinicians, on both engines in one run (PGlite in a worker on disk, then PostgreSQL on a
 * database created for the run). For each engine: EXPLAIN ANALYZE of the repository's search
 * statement per kind of query, then public searches over HTTP by kind (free text, prefixes, typos,
 * name fragments, condition words, filters, later pages, "next available", an empty result with
 * its relax suggestions, the facets) against two servers, each in its own process:
 *   Portico   the app as shipped (PORTICO_LOG_LEVEL=info, NODE_ENV=production), load shedding off
 *   floor     a bare node:http server running the directory repository's statements through the
 *             same driver, with no framework, service or cache (bench/directory-targets.ts)
 * The load generator runs in a process of its own (bench/http-load.ts). Per kind: a warm-up of
 * each server, then BENCH_SAMPLES requests to each, in BENCH_ROUNDS interleaved halves.
 * Prints figures and `RESULT directory …` lines; asserts nothing.
 *
 *   npm run bench:directory                 both engines (PostgreSQL at 127.0.0.1:5432 as postgres)
 *   BENCH_ENGINES=pglite npm run bench:directory            one engine only (pglite | postgres)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:directory
 *        the PostgreSQL server to create portico_bench_directory on (dropped after)
 *   BENCH_CLINICIANS=5000 BENCH_SAMPLES=2000 BENCH_WARMUP=200 BENCH_CONNECTIONS=4 BENCH_ROUNDS=2   (defaults)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DirectoryResult } from '@portico/contracts';
import { openDatabase } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { freshBenchDatabase, type BenchDatabase } from './bench-database.js';
import { generateClinicians } from './directory-data.js';
import { explainKinds } from './directory-explain.js';
import { kinds, type Kind } from './directory-queries.js';
import { LoadClient } from './load-client.js';
import type { LoadResult } from './http-load.js';
import { envInt, ms, summarize, table } from './stats.js';

const CLINICIANS = envInt('BENCH_CLINICIANS', 5000);
const SAMPLES = envInt('BENCH_SAMPLES', 2000);
const WARMUP = envInt('BENCH_WARMUP', 200, 0);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 4);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const ENGINES = (process.env['BENCH_ENGINES'] || 'pglite,postgres').split(',').map((e) => e.trim());
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function target(
  kind: 'portico' | 'floor',
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; origin: string }> {
  const script = fileURLToPath(new URL('./directory-targets.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script, kind], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`directory-targets.ts ${kind} exited early (${code})`)));
    proc.once('message', (reply) => {
      proc.removeAllListeners('exit');
      resolve({ proc, origin: (reply as { origin: string }).origin });
    });
  });
}

/** Migrates, seeds the demo, adds generated clinicians, analyzes, and prints the search plans. */
async function prepare(url: string | null, dataDir: string): Promise<{ cancer: string; summary: string }> {
  const database = await openDatabase({ databaseUrl: url, dataDir });
  try {
    await migrate(database);
    await seedDemo(database.db);
    const started = Date.now();
    const added = await generateClinicians(database.db, CLINICIANS);
    const seedMs = Date.now() - started;
    // PostgreSQL's autovacuum would analyze a table this size within a minute; PGlite has none.
    await sql`analyze`.execute(database.db);
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db))
      .rows[0]?.v;
    const n = (await sql<{ n: string }>`select count(*) as n from clinicians`.execute(database.db)).rows[0]?.n;
    const cancer = await database.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'harbor-cancer')
      .executeTakeFirstOrThrow();
    const summary = `${database.engine} ${version ?? ''}: ${n ?? '?'} clinicians (${added} generated, ${(seedMs / 1000).toFixed(1)} s)`;
    console.log(summary);
    const list = kinds({ cancer: cancer.id }).flatMap((k) =>
      k.queries?.[0] ? [{ kind: k.name, search: k.queries[0] }] : [],
    );
    const seq = await explainKinds(database, list, 'q=cardio');
    console.log(`RESULT directory ${database.engine === 'postgres' ? 'postgres' : 'pglite'} seq_scan_kinds=${seq}\n`);
    return { cancer: cancer.id, summary };
  } finally {
    await database.close();
  }
}

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

function figures(results: LoadResult[], wallMs: number): Figures {
  const s = summarize(results.map((r) => r.ms));
  return { rps: results.length / (wallMs / 1000), p50: s.p50, p95: s.p95, p99: s.p99, n: results.length };
}

const paths = (kind: Kind): string[] =>
  kind.queries ? kind.queries.map((q) => `/api/directory/clinicians?${q}`) : ['/api/directory/facets'];

/** Where each server is in each kind's list of queries: a run goes on from where the last one stopped. */
const cursors = new Map<string, number>();

/** `count` requests going on through the kind's queries, CONNECTIONS in flight; any answer but 200 stops the run. */
async function run(
  client: LoadClient,
  origin: string,
  kind: Kind,
  count: number,
): Promise<{ results: LoadResult[]; wallMs: number }> {
  const p = paths(kind);
  const start = cursors.get(`${origin} ${kind.key}`) ?? 0;
  cursors.set(`${origin} ${kind.key}`, start + count);
  const requests = Array.from({ length: count }, (_, i) => ({
    method: 'GET' as const,
    path: p[(start + i) % p.length] ?? '',
    headers: {},
  }));
  const { wallMs, results } = await client.batch(origin, requests, CONNECTIONS);
  const failed = results.filter((r) => r.status !== 200);
  if (failed.length)
    throw new Error(`${kind.name} at ${origin}: ${failed.length} answers other than 200 (${failed[0]?.status})`);
  return { wallMs, results };
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<void> {
  const pg: BenchDatabase | null = engine === 'postgres' ? await freshBenchDatabase('portico_bench_directory') : null;
  const tempDir = pg ? null : await mkdtemp(join(tmpdir(), 'portico-bench-directory-'));
  const procs: ChildProcess[] = [];
  let client: LoadClient | null = null;
  try {
    console.log(
      `\n=== ${engine === 'pglite' ? 'PGlite in a worker, on disk (a copy of the seeded folder per server)' : pg?.label} — load average ${load()}`,
    );
    const seeded = tempDir ? join(tempDir, 'seeded') : 'memory://';
    const { cancer } = await prepare(pg?.url ?? null, seeded);
    const dbEnv = async (name: string): Promise<Record<string, string>> => {
      if (pg?.url) return { BENCH_TARGET_DATABASE_URL: pg.url };
      const dir = join(tempDir ?? tmpdir(), name);
      await cp(seeded, dir, { recursive: true });
      return { BENCH_TARGET_DATA_DIR: dir };
    };
    const portico = await target('portico', {
      ...(await dbEnv('portico')),
      PORTICO_LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64'),
      PORTICO_MFA_KEY: randomBytes(32).toString('base64'),
      PORTICO_SEED_DEMO: 'false',
      // This bench measures latency, not refusals: load shedding (a 503 after 300 ms of standing
      // database wait) would turn the slowest answers on this shared machine into fast refusals.
      PORTICO_MAX_DATABASE_WAIT_MS: '0',
      PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    procs.push(portico.proc);
    const floor = await target('floor', await dbEnv('floor'));
    procs.push(floor.proc);
    client = await LoadClient.start();

    const list = kinds({ cancer });
    console.log('What the first two queries of each kind find (Portico | floor: total — first result):');
    for (const kind of list) {
      for (const q of kind.queries?.slice(0, 2) ?? []) {
        const [a, b] = await Promise.all(
          [portico.origin, floor.origin].map(
            async (o) =>
              (await (await fetch(`${o}/api/directory/clinicians?${q}`)).json()) as DirectoryResult & {
                clinicians: { family_name?: string; familyName?: string }[];
              },
          ),
        );
        const first = a?.clinicians[0];
        const found = first
          ? `${first.familyName ?? ''}`
          : `relax: ${a?.relax.map((r) => `${r.filter} (${r.resultCount})`).join(', ') || 'nothing'}`;
        console.log(
          `  ${kind.name.padEnd(15)} ${decodeURIComponent(q).slice(0, 58).padEnd(58)} ${String(a?.total).padStart(5)} | ${String(b?.total).padStart(5)} — ${found}`,
        );
      }
    }

    console.log(
      `\nMeasuring (${CONNECTIONS} in flight; warm-up ${WARMUP} requests per server and kind; ${SAMPLES} samples per server and kind in ${ROUNDS} interleaved rounds):`,
    );
    const rows: string[][] = [];
    const results: string[] = [];
    for (const kind of list) {
      process.stdout.write(`  ${kind.name.padEnd(18)} load ${load()} … `);
      if (WARMUP > 0) {
        await run(client, portico.origin, kind, WARMUP);
        await run(client, floor.origin, kind, WARMUP);
      }
      const per = Math.ceil(SAMPLES / ROUNDS);
      const mine: { results: LoadResult[]; wallMs: number } = { results: [], wallMs: 0 };
      const ref: { results: LoadResult[]; wallMs: number } = { results: [], wallMs: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [origin, into] of [
          [portico.origin, mine],
          [floor.origin, ref],
        ] as const) {
          const r = await run(client, origin, kind, per);
          into.results.push(...r.results);
          into.wallMs += r.wallMs;
        }
      }
      const a = figures(mine.results, mine.wallMs);
      const b = figures(ref.results, ref.wallMs);
      process.stdout.write(`${Math.round(a.rps)} | ${Math.round(b.rps)} req/s\n`);
      rows.push([
        kind.name,
        Math.round(a.rps).toString(),
        ms(a.p50),
        ms(a.p95),
        ms(a.p99),
        Math.round(b.rps).toString(),
        ms(b.p50),
        ms(b.p99),
        (a.p99 / b.p99).toFixed(2),
        a.n.toString(),
      ]);
      results.push(
        `RESULT directory ${engine} ${kind.key} p50=${a.p50.toFixed(2)}ms p95=${a.p95.toFixed(2)}ms p99=${a.p99.toFixed(2)}ms ` +
          `rps=${a.rps.toFixed(0)} floor_p99=${b.p99.toFixed(2)}ms floor_rps=${b.rps.toFixed(0)} p99_vs_floor=${(a.p99 / b.p99).toFixed(2)} samples=${a.n}`,
      );
    }
    console.log(
      `\n${table([['query kind', 'req/s', 'p50', 'p95', 'p99', 'floor req/s', 'floor p50', 'floor p99', 'p99/floor', 'samples'], ...rows])}\n`,
    );
    console.log(`load average after: ${load()}`);
    for (const line of results) console.log(line);
  } finally {
    client?.stop();
    for (const p of procs.reverse()) if (p.connected) p.disconnect();
    await Promise.all(
      procs.map((p) => new Promise((resolve) => (p.exitCode !== null ? resolve(null) : p.once('exit', resolve)))),
    );
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    await pg?.dispose();
  }
}

async function main(): Promise<void> {
  console.log(
    `Portico directory benchmark — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load()}; engines: ${ENGINES.join(', ')}`,
  );
  for (const engine of ENGINES) {
    if (engine !== 'pglite' && engine !== 'postgres')
      throw new Error(`BENCH_ENGINES: pglite or postgres, not ${engine}`);
    await benchEngine(engine);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
