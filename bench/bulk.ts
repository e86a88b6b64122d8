/**
 * Bulk export benchmark: `Group/[id]/$export` of N synthetic patients (each with a lab report of
 * three observations, plus the organization's directory), run as the durable export job would
 * run it, timed from kick-off to the manifest (after one warm-up request, so the app's one-time
 * start-up is not counted), with the process's peak RSS while it runs (the export streams a page
 * of patients at a time, so RSS should not grow with N) and the number of SQL queries it issued
 * (one per resource type per page of patients, so it grows with N / batch, not with N).
 * Prints figures and `RESULT bulk …` lines; asserts nothing.
 *
 *   npm run bench:bulk                      PostgreSQL at 127.0.0.1 (or DATABASE_URL's server):
 *                                           creates portico_bench_bulk there, drops it after
 *   BENCH_PATIENTS=1000 npm run bench:bulk  (default 10000)
 *   BENCH_BATCH=500 npm run bench:bulk      patients per page (default 200, as PORTICO_BULK_EXPORT_BATCH)
 *   BENCH_ENGINE=pglite npm run bench:bulk  embedded PGlite in a temp directory instead
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { freshBenchDatabase, givenBenchDatabase, type BenchDatabase } from './bench-database.js';
import { envInt } from './stats.js';

const PATIENTS = envInt('BENCH_PATIENTS', 10_000);
const BATCH = envInt('BENCH_BATCH', 200);

async function target(): Promise<BenchDatabase> {
  if (process.env['BENCH_ENGINE'] === 'pglite') return { url: null, label: 'PGlite', dispose: async () => undefined };
  return givenBenchDatabase() ?? (await freshBenchDatabase('portico_bench_bulk'));
}

/** N patients with one released lab report of three observations each, inserted by the database itself. */
async function seed(db: DatabaseHandle['db'], n: number): Promise<string> {
  const org = await db
    .insertInto('organizations')
    .values({
      slug: `bench-bulk-${Date.now()}`,
      name: 'Bench Bulk Hospital',
      time_zone: 'America/New_York',
      tech_help_phone: '617-555-0100',
      tech_help_email: 'help@bench.example',
      billing_phone: '617-555-0101',
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into patients (organization_id, given_name, family_name, birth_date, preferred_language)
    select ${org.id}::uuid, 'Synthetic', 'Patient' || g, date '1940-01-01' + (g % 20000), 'en'
    from generate_series(1, ${n}) g`.execute(db);
  await sql`
    insert into diagnostic_reports (organization_id, patient_id, code, name, category, status, effective_at, issued_at, released_at, source)
    select organization_id, id, '24323-8', 'Comprehensive metabolic panel', 'lab', 'final', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', 'entered'
    from patients where organization_id = ${org.id}::uuid`.execute(db);
  await sql`
    insert into observations (report_id, patient_id, position, code, name, value_numeric, unit, ref_low, ref_high, effective_at)
    select r.id, r.patient_id, o.pos, o.code, o.name, o.value, o.unit, o.low, o.high, r.effective_at
    from diagnostic_reports r
    cross join (values (0, '2345-7', 'Glucose', 95.0, 'mg/dL', 70.0, 99.0),
                       (1, '2823-3', 'Potassium', 4.1, 'mmol/L', 3.5, 5.1),
                       (2, '2951-2', 'Sodium', 140.0, 'mmol/L', 136.0, 145.0)) as o(pos, code, name, value, unit, low, high)
    where r.organization_id = ${org.id}::uuid`.execute(db);
  return org.id;
}

async function main(): Promise<void> {
  const t = await target();
  const files = await mkdtemp(join(tmpdir(), 'portico-bench-bulk-'));
  let database: DatabaseHandle | null = null;
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  try {
    const config = loadConfig({
      PORTICO_LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] || 'silent',
      PORTICO_DATA_DIR: t.url ? 'memory://' : join(files, 'pglite'),
      PORTICO_FILES_DIR: join(files, 'files'),
      PORTICO_SEED_DEMO: 'false',
      PORTICO_BULK_EXPORT_BATCH: String(BATCH),
      PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
      PORTICO_MAX_DATABASE_WAIT_MS: '0',
      PORTICO_MAX_IN_FLIGHT: '100000',
      ...(t.url ? { DATABASE_URL: t.url } : {}),
    });
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(database);
    const seedStart = performance.now();
    const orgId = await seed(database.db, PATIENTS);
    console.log(
      `Engine: ${database.engine} (${t.label}); ${PATIENTS} synthetic patients seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; batch ${BATCH}.`,
    );
    // Every query the app issues is counted (a Kysely plugin sees each one it compiles).
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const built = await buildApp(config, { ...database, db: database.db.withPlugin(counter) }, false);
    app = built.app;
    // A registered backend client and a verifier that knows its token (the benchmark measures
    // the export, not oidc-provider).
    const client = await database.db
      .insertInto('smart_apps')
      .values({
        client_id: `bench-bulk-${Date.now()}`,
        name: 'bench:bulk',
        kind: 'backend',
        auth_method: 'private_key_jwt',
        jwks_uri: 'https://bench.example/jwks.json',
        scopes: 'system/*.rs',
        organization_id: orgId,
      })
      .returning(['id', 'client_id'])
      .executeTakeFirstOrThrow();
    const token = 'bench-bulk-token';
    built.services.fhir.setBearerVerifier(async (tk) =>
      tk === token
        ? {
            userId: client.id,
            patientId: null,
            scopes: ['system/*.rs'],
            clientId: client.client_id,
            appName: 'bench:bulk',
            organizationId: orgId,
          }
        : null,
    );
    const headers = { authorization: `Bearer ${token}`, prefer: 'respond-async', accept: 'application/fhir+json' };

    // The first request pays for the app's one-time start-up (seconds on a busy machine): not the export's.
    const warm = await app.inject({ method: 'GET', url: `/fhir/R4/Group/${orgId}`, headers });
    if (warm.statusCode !== 200) throw new Error(`warm-up answered ${warm.statusCode}: ${warm.body}`);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    queries = 0;
    const started = performance.now();
    const kick = await app.inject({ method: 'GET', url: `/fhir/R4/Group/${orgId}/$export`, headers });
    if (kick.statusCode !== 202) throw new Error(`kick-off answered ${kick.statusCode}: ${kick.body}`);
    const status = new URL(String(kick.headers['content-location'])).pathname;
    let manifest: { output: { type: string; count: number }[] } | null = null;
    while (!manifest) {
      const res = await app.inject({ method: 'GET', url: status, headers });
      if (res.statusCode === 200) manifest = res.json();
      else if (res.statusCode === 202) await built.services.jobs.runDue('bench-bulk');
      else throw new Error(`status answered ${res.statusCode}: ${res.body}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = queries;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const lines = manifest.output.reduce((n, o) => n + o.count, 0);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(manifest.output.map((o) => `  ${o.type}: ${o.count}`).join('\n'));
    console.log(
      `Exported ${lines} resources in ${seconds.toFixed(1)} s with ${used} SQL queries; RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB during.`,
    );
    const engine = database.engine === 'postgres' ? 'postgres' : 'pglite';
    console.log(`RESULT bulk ${engine}_export_${PATIENTS}_patients_seconds ${seconds.toFixed(1)} s resources=${lines}`);
    console.log(
      `RESULT bulk ${engine}_export_${PATIENTS}_patients_peak_rss ${mb(peak)} MB baseline=${mb(baseline)} MB`,
    );
    console.log(`RESULT bulk ${engine}_export_${PATIENTS}_patients_queries ${used} queries batch=${BATCH}`);
    console.log(`RESULT bulk ${engine}_export_patients_per_second ${(PATIENTS / seconds).toFixed(0)} patients/s`);
  } finally {
    await app?.close();
    await database?.close();
    await t.dispose();
    await rm(files, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
