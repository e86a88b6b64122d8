/**
 * Account-request benchmark (issue 13, docs/decisions/0025): how long Portico takes to answer a
 * password-reset request, a sign-in-link request and a sign-up for an email that has an account
 * and for one that has none. The two medians of each pair should match: a gap is a way to tell
 * who has an account. Portico runs in its own process (bench/api-targets.ts `portico`, the real
 * app on a seeded database, no job runner: only the request is timed); this process sends the
 * requests one at a time, known and unknown alternating (the pair's order flips each round, so
 * drift falls on both), after a warm-up. Prints figures and `RESULT account-requests …` lines;
 * asserts nothing.
 *
 *   npm run bench:account-requests                      PGlite (in a worker) in a temp directory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:account-requests
 *        PostgreSQL: creates portico_bench_accounts on that server, drops it after
 *   BENCH_SAMPLES=100 BENCH_WARMUP=10 npm run bench:account-requests   (the defaults; sign-up
 *        takes a quarter of the samples: each one spends an argon2 hash)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { freshBenchDatabase, givenBenchDatabase, type BenchDatabase } from './bench-database.js';
import { startScript } from './start-script.js';
import { envInt, median, ms, table } from './stats.js';

const SAMPLES = envInt('BENCH_SAMPLES', 100);
const WARMUP = envInt('BENCH_WARMUP', 10);
/** A demo account (server/src/demo/data.ts). */
const KNOWN = 'patient@example.org';
const PASSWORD = 'lantern orchard river harbor';

interface Pair {
  key: string;
  path: string;
  samples: number;
  body(email: string): Record<string, unknown>;
  /** A fresh unknown email each time (sign-up would otherwise create it on the first try). */
  unknown(i: number): string;
}

const run = randomBytes(4).toString('hex');
const pairs: Pair[] = [
  {
    key: 'reset',
    path: '/api/auth/password-reset/request',
    samples: SAMPLES,
    body: (email) => ({ email }),
    unknown: (i) => `nobody.${run}.${i}@example.test`,
  },
  {
    key: 'sign_in_link',
    path: '/api/auth/sign-in-link/request',
    samples: SAMPLES,
    body: (email) => ({ email }),
    unknown: (i) => `nobody.${run}.${i}@example.test`,
  },
  {
    key: 'signup',
    path: '/api/auth/signup',
    samples: Math.max(1, Math.round(SAMPLES / 4)),
    body: (email) => ({ email, password: PASSWORD, givenName: 'Bench', familyName: 'Mark', birthDate: '1970-01-01' }),
    unknown: (i) => `new.${run}.${i}@example.test`,
  },
];

async function startPortico(env: Record<string, string>): Promise<{ proc: ChildProcess; origin: string }> {
  const shipped = await startScript();
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./api-targets.ts', import.meta.url)), 'portico'],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, ...shipped.env, ...env } },
  );
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`Portico exited early (${code})`)));
    proc.once('message', (reply) => {
      proc.removeAllListeners('exit');
      resolve({ proc, origin: (reply as { origin: string }).origin });
    });
  });
}

async function timed(origin: string, pair: Pair, email: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${origin}${pair.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pair.body(email)),
  });
  await res.arrayBuffer();
  const took = performance.now() - started;
  if (res.status !== 202) throw new Error(`${pair.path}: ${res.status}, expected 202`);
  return took;
}

async function measure(origin: string, pair: Pair): Promise<{ known: number[]; unknown: number[] }> {
  let n = 0;
  const round = async (keep: { known: number[]; unknown: number[] } | null, flip: boolean) => {
    const order = flip ? (['unknown', 'known'] as const) : (['known', 'unknown'] as const);
    for (const which of order) {
      const took = await timed(origin, pair, which === 'known' ? KNOWN : pair.unknown(n++));
      keep?.[which].push(took);
    }
  };
  for (let i = 0; i < WARMUP; i++) await round(null, i % 2 === 1);
  const figures = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < pair.samples; i++) await round(figures, i % 2 === 1);
  return figures;
}

async function main(): Promise<void> {
  const given = givenBenchDatabase();
  const pg: BenchDatabase | null =
    given ?? (process.env['DATABASE_URL'] ? await freshBenchDatabase('portico_bench_accounts') : null);
  const tempDir = pg ? null : await mkdtemp(join(tmpdir(), 'portico-bench-accounts-'));
  let portico: ChildProcess | null = null;
  try {
    const dataDir = tempDir ? join(tempDir, 'data') : 'memory://';
    const database = await openDatabase({ databaseUrl: pg?.url ?? null, dataDir });
    try {
      await migrate(database);
      await seedDemo(database.db);
    } finally {
      await database.close();
    }
    const started = await startPortico({
      ...(pg?.url ? { BENCH_TARGET_DATABASE_URL: pg.url } : { BENCH_TARGET_DATA_DIR: dataDir }),
      PORTICO_LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64'),
      PORTICO_MFA_KEY: randomBytes(32).toString('base64'),
      PORTICO_SEED_DEMO: 'false',
      // The per-address limits would answer 429 long before the samples are in.
      PORTICO_AUTH_RATE_LIMIT: '100000',
      PORTICO_WRITE_RATE_LIMIT: '1000000',
    });
    portico = started.proc;
    console.log(`account requests on ${pg ? pg.label : 'PGlite'}: ${SAMPLES} samples, ${WARMUP} warm-up rounds`);
    const rows = [['request', 'known median', 'unknown median', 'unknown / known']];
    const results: string[] = [];
    for (const pair of pairs) {
      const { known, unknown } = await measure(started.origin, pair);
      const k = median(known);
      const u = median(unknown);
      rows.push([pair.path, ms(k), ms(u), (u / k).toFixed(2)]);
      results.push(
        `RESULT account-requests ${pair.key}_known_median ${k.toFixed(2)} ms`,
        `RESULT account-requests ${pair.key}_unknown_median ${u.toFixed(2)} ms`,
        `RESULT account-requests ${pair.key}_unknown_to_known ${(u / k).toFixed(3)} ratio`,
      );
    }
    console.log(table(rows));
    for (const line of results) console.log(line);
  } finally {
    if (portico) {
      const exited = new Promise((resolve) => portico?.once('exit', resolve));
      portico.disconnect();
      await exited;
    }
    await pg?.dispose();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

await main();
