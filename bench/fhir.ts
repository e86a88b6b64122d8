/**
 * FHIR benchmark: `GET /fhir/R4/Observation?patient=…&category=laboratory` for the demo patient
 * Eleanor, beside the portal's own JSON results route (`GET /api/results`) for the same patient
 * in the same run, so the ratio says what the FHIR mapping costs. The clients run in a child
 * process (bench/http-load.ts) with their own event loop; each route gets a warm-up first.
 * Prints figures and `RESULT fhir …` lines; asserts nothing.
 *
 *   npm run bench:fhir                                  PGlite in a temp directory (like npm start)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:fhir
 *        PostgreSQL: creates portico_bench_fhir on that server, drops it after
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=8 BENCH_AUTH=session npm run bench:fhir   (defaults 5 s, 4, bearer)
 *
 * Auth: by default the FHIR route gets a bearer token, checked by a verifier this script plugs
 * in the way the SMART module does (one lookup in a map: the benchmark measures /fhir/R4, not
 * token storage); BENCH_AUTH=session sends the portal session cookie to both routes instead.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD } from '../server/src/demo/data.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { freshBenchDatabase, givenBenchDatabase, type BenchDatabase } from './bench-database.js';
import { LoadClient } from './load-client.js';
import { envInt, ms, summarize, table } from './stats.js';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.js';
import { RecordRepository } from '../server/src/modules/results/record-repository.js';
import { filtersOf } from '../server/src/modules/fhir/search.js';
import { recordQuery } from '../server/src/modules/fhir/sql-search.js';

const DURATION = envInt('BENCH_DURATION', 5);
const WARMUP = envInt('BENCH_WARMUP', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 4);
const AUTH = process.env['BENCH_AUTH'] === 'session' ? 'session' : 'bearer';

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
}

async function measure(
  load: LoadClient,
  origin: string,
  name: string,
  path: string,
  headers: Record<string, string>,
): Promise<Figures> {
  const requests = [{ method: 'GET' as const, path, headers }];
  await load.timed(origin, requests, CONNECTIONS, WARMUP);
  process.stdout.write(`  ${name}: ${DURATION} s … `);
  const { wallMs, results } = await load.timed(origin, requests, CONNECTIONS, DURATION);
  const failed = results.filter((r) => r.status !== 200);
  if (failed.length > 0) {
    throw new Error(`${name}: ${failed.length} answers other than 200, e.g. ${failed[0]?.status} ${failed[0]?.code}`);
  }
  const s = summarize(results.map((r) => r.ms));
  const figures = {
    name,
    requestsPerSecond: results.length / (wallMs / 1000),
    p50: s.p50,
    p99: s.p99,
    requests: results.length,
  };
  process.stdout.write(`${Math.round(figures.requestsPerSecond)} req/s\n`);
  return figures;
}

async function openBenchDatabase(): Promise<{ target: BenchDatabase; dataDir: string; tempDir: string | null }> {
  const given = givenBenchDatabase();
  if (given) return { target: given, dataDir: 'memory://', tempDir: null };
  if (process.env['DATABASE_URL']) {
    return { target: await freshBenchDatabase('portico_bench_fhir'), dataDir: 'memory://', tempDir: null };
  }
  const tempDir = await mkdtemp(join(tmpdir(), 'portico-bench-fhir-'));
  const dataDir = join(tempDir, 'pglite');
  return { target: { url: null, label: `PGlite (${dataDir})`, dispose: async () => undefined }, dataDir, tempDir };
}

async function main(): Promise<void> {
  const { target, dataDir, tempDir } = await openBenchDatabase();
  let database: DatabaseHandle | null = null;
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  try {
    const config = loadConfig({
      PORTICO_PORT: '0',
      PORTICO_HOST: '127.0.0.1',
      PORTICO_DATA_DIR: dataDir,
      PORTICO_LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] || 'silent',
      // Shedding and the per-session write limit are for production; this measures the route.
      PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
      PORTICO_MAX_DATABASE_WAIT_MS: '0',
      PORTICO_MAX_IN_FLIGHT: '100000',
      ...(target.url ? { DATABASE_URL: target.url } : {}),
    });
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(database);
    await seedDemo(database.db);
    const built = await buildApp(config, database, false);
    app = built.app;
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });

    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'patient@example.org', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 200 || !cookie) throw new Error(`demo sign-in failed: ${login.status}`);
    const eleanor = await database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'u.id as user_id'])
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    const token = randomBytes(32).toString('base64url');
    built.services.fhir.setBearerVerifier(async (t) =>
      t === token
        ? {
            userId: eleanor.user_id,
            patientId: eleanor.id,
            scopes: ['patient/*.rs'],
            clientId: 'bench',
            appName: 'bench:fhir',
          }
        : null,
    );
    const fhirHeaders: Record<string, string> = AUTH === 'bearer' ? { authorization: `Bearer ${token}` } : { cookie };
    const fhirPath = `/fhir/R4/Observation?patient=${eleanor.id}&category=laboratory`;
    // Counted for this line only: the measured route leaves Bundle.total out while pages follow.
    const sample = await fetch(`${origin}${fhirPath}&_total=accurate`, { headers: fhirHeaders });
    const bundle = (await sample.json()) as { total?: number };
    const portal = await fetch(`${origin}/api/results`, { headers: { cookie } });
    const list = (await portal.json()) as { results?: unknown[] };
    console.log(
      `Engine: ${database.engine} (${target.label}); Eleanor has ${bundle.total ?? '?'} lab Observations in ` +
        `${list.results?.length ?? '?'} reports; ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${DURATION} s each; FHIR auth: ${AUTH}.`,
    );

    console.log(
      `\nPlan of the Observation lab search's page query (EXPLAIN):\n${await explainLabSearch(database.db, eleanor.id)}\n`,
    );

    const load = await LoadClient.start();
    let fhir: Figures;
    let own: Figures;
    try {
      fhir = await measure(load, origin, 'FHIR Observation?category=laboratory', fhirPath, fhirHeaders);
      own = await measure(load, origin, 'portal GET /api/results', '/api/results', { cookie });
    } finally {
      load.stop();
    }
    console.log(
      `\n${table([
        ['route', 'req/s', 'p50', 'p99', 'requests'],
        ...[fhir, own].map((f) => [
          f.name,
          Math.round(f.requestsPerSecond).toString(),
          ms(f.p50),
          ms(f.p99),
          f.requests.toString(),
        ]),
      ])}\n`,
    );
    const r = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
    const engine = database.engine === 'postgres' ? 'postgres' : 'pglite';
    console.log(
      `RESULT fhir ${engine}_observation_lab_rps ${fhir.requestsPerSecond.toFixed(0)} req/s ratio=${r(fhir.requestsPerSecond, own.requestsPerSecond)}`,
    );
    console.log(`RESULT fhir ${engine}_observation_lab_p50 ${fhir.p50.toFixed(2)} ms ratio=${r(fhir.p50, own.p50)}`);
    console.log(`RESULT fhir ${engine}_observation_lab_p99 ${fhir.p99.toFixed(2)} ms ratio=${r(fhir.p99, own.p99)}`);
  } finally {
    await app?.close();
    await database?.close();
    await target.dispose();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * EXPLAIN of the SQL the FHIR route runs for `Observation?patient=…&category=laboratory`: the
 * same translation (filtersOf, recordQuery) and repository, with the statement captured as it is
 * compiled.
 */
async function explainLabSearch(db: Kysely<Database>, patientId: string): Promise<string> {
  const captured: CompiledQuery[] = [];
  const spy = db.withPlugin({
    transformQuery: ({ node, queryId }) => {
      captured.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  });
  const filters = filtersOf('Observation', { patient: patientId, category: 'laboratory' });
  const q = recordQuery('Observation', filters, { patientId, now: new Date() }, { limit: 50, offset: 0, total: false });
  if (!q) return '(the search is not answered in SQL)';
  // With statistics, as a served database has them (a fresh seed has none yet).
  await db.executeQuery(CompiledQuery.raw('ANALYZE'));
  await new RecordRepository(spy).observationPage(q);
  const page = captured.find((c) => c.sql.includes('from "observations"'));
  if (!page) return '(no statement captured)';
  const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN ${page.sql}`, [...page.parameters]),
  );
  return plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
