/**
 * Directory benchmark: "Find a Virtual Visit Doctor" over the demo directory scaled to 5,000
 * clinicians. Public searches over HTTP, by kind (free text, prefixes, typos, name fragments,
 * condition words, filters, later pages, "next available", an empty result with its relax
 * suggestions), then EXPLAIN ANALYZE of the repository's own search SQL. Prints figures; asserts nothing.
 *
 *   npm run bench:directory                              PGlite in a temp directory (like npm start)
 *   BENCH_DATA_DIR=memory:// npm run bench:directory     in-memory PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:directory
 *        PostgreSQL: creates portico_bench_directory on that server, drops it after
 *   PORTICO_BENCH_DATABASE_URL=postgres://…/scratch npm run bench:directory   that database as is
 *   BENCH_CLINICIANS=20000 BENCH_DURATION=5 BENCH_CONNECTIONS=10 npm run bench:directory   (defaults 5000, 3 s, 4)
 *
 * The clinicians are generated (deterministically) from the demo's service lines, specialties,
 * clinical areas, organizations and languages, and inserted in bulk; the search columns are then
 * built by the directory repository's own refreshSearch(). The HTTP clients run in a child process
 * (bench/http-load.ts), keeping their own event loop, and time each request to a fraction of a
 * millisecond (autocannon, as in bench/api.ts, reports whole milliseconds and no p95).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompiledQuery,
  createQueryId,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { DirectoryResult } from '@portico/contracts';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { DirectoryRepository, type DirectoryFilters } from '../server/src/modules/directory/repository.js';
import { searchTerms } from '../server/src/modules/directory/service.js';
import { freshBenchDatabase, givenBenchDatabase, type BenchDatabase } from './bench-database.js';
import { generateClinicians } from './directory-data.js';
import { LoadClient } from './load-client.js';
import { envInt, ms, summarize, table } from './stats.js';

const CLINICIANS = envInt('BENCH_CLINICIANS', 5000);
const DURATION = envInt('BENCH_DURATION', 3);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 4);

interface Kind {
  name: string;
  /** Query strings for GET /api/directory/clinicians (without the ?), sent in turn. */
  queries: string[];
}

function kinds(ids: { cancer: string }): Kind[] {
  return [
    { name: 'specialty word', queries: ['q=cardiology', 'q=dermatology', 'q=psychiatry', 'q=neurology'] },
    { name: 'prefix', queries: ['q=cardio', 'q=derm', 'q=gastro', 'q=ortho'] },
    { name: 'typo', queries: ['q=dermotology', 'q=cardiolgy', 'q=gastroenterolgy', 'q=rheumatolgy'] },
    { name: 'name fragment', queries: ['q=nakam', 'q=okafor', 'q=elena%20ross', 'q=lindq'] },
    { name: 'condition words', queries: ['q=afib', 'q=heart%20failure', 'q=acid%20reflux', 'q=eczema'] },
    {
      name: 'filters only',
      queries: [
        'serviceLine=cardiac&language=es',
        'state=NH&visitMode=phone&newPatients=true',
        `organization=${ids.cancer}&serviceLine=oncology`,
        'language=pt&state=MA',
      ],
    },
    {
      name: 'text + filters',
      queries: [
        'q=cardio&language=es&state=MA&visitMode=video',
        'q=skin&newPatients=true',
        'q=anxiety&language=zh',
        'q=knee&state=NH',
      ],
    },
    {
      name: 'page 2+',
      queries: ['sort=name&page=5', 'q=medicine&page=3', 'serviceLine=primary-care&page=4', 'q=care&page=10'],
    },
    {
      name: 'next available',
      queries: [
        'availableWithinDays=7&sort=next_available',
        'serviceLine=psychiatry&availableWithinDays=14&sort=next_available',
        'q=derm&availableWithinDays=3',
        'language=es&availableWithinDays=7&sort=next_available',
      ],
    },
    {
      name: 'empty → relax',
      queries: [
        'q=dermatology&serviceLine=cardiac&language=ht',
        'q=cardiology&language=ru&state=VT&newPatients=true&visitMode=phone',
        'q=zzqx',
        'serviceLine=transplant&language=ht&state=ME',
      ],
    },
  ];
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
}

async function measure(load: LoadClient, origin: string, name: string, paths: string[]): Promise<Figures> {
  process.stdout.write(`  ${name}: ${DURATION} s … `);
  const requests = paths.map((path) => ({ method: 'GET' as const, path, headers: {} }));
  const { wallMs, results } = await load.timed(origin, requests, CONNECTIONS, DURATION);
  const failed = results.filter((r) => r.status !== 200);
  if (failed.length > 0) {
    throw new Error(`${name}: ${failed.length} answers other than 200, e.g. ${failed[0]?.status} ${failed[0]?.code}`);
  }
  const s = summarize(results.map((r) => r.ms));
  const figures = { name, requestsPerSecond: results.length / (wallMs / 1000), ...s, requests: results.length };
  process.stdout.write(`${Math.round(figures.requestsPerSecond)} req/s\n`);
  return figures;
}

/** Remembers the queries Kysely ran through it, so their exact SQL can be EXPLAINed. */
class CaptureQuery implements KyselyPlugin {
  all: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.all.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The exact SQL and parameters the directory repository runs for one public search. */
async function searchSql(
  database: DatabaseHandle,
  q: string,
  extra: Partial<DirectoryFilters>,
): Promise<CompiledQuery> {
  const capture = new CaptureQuery();
  const repo = new DirectoryRepository(database.db.withPlugin(capture));
  await repo.search({ terms: searchTerms(q), ...extra }, { sort: 'relevance', limit: 20, offset: 0 });
  // The page of clinicians (the one with the total); the typo-word lookup and the page's areas run apart.
  const compiled = capture.all.map((node) => database.db.getExecutor().compileQuery(node, createQueryId()));
  const page = compiled.find((c) => c.sql.includes('count(*) over ()'));
  if (!page) throw new Error('the clinician search query was not captured');
  return page;
}

/** EXPLAIN ANALYZE of that SQL; `withoutSeqScan` shows the plan the planner passed over, for comparison. */
async function explain(database: DatabaseHandle, query: CompiledQuery, withoutSeqScan = false): Promise<string[]> {
  const run = CompiledQuery.raw(`explain (analyze, costs off) ${query.sql}`, [...query.parameters]);
  const result = await database.db.transaction().execute(async (trx) => {
    if (withoutSeqScan) await sql`set local enable_seqscan = off`.execute(trx);
    return trx.executeQuery<{ 'QUERY PLAN': string }>(run);
  });
  return result.rows.map((r) => r['QUERY PLAN']);
}

/** How the plan finds clinicians: the scans of the clinicians table and its indexes, with their conditions. */
function planSummary(lines: string[]): string[] {
  const out: string[] = [];
  let keeping = false;
  for (const line of lines) {
    const node =
      /^\s*(->\s+)?[A-Z]/.test(line) &&
      !/^\s*(Filter|Index Cond|Recheck Cond|Rows Removed|Heap Blocks|Sort|Workers|Worker|Hits|Cache|Buckets|Batches|Group Key|Hash Cond|Join Filter|Planning|Execution)\b/.test(
        line,
      );
    if (node) keeping = /on clinicians\b|clinicians_\w+_idx|BitmapOr|BitmapAnd/.test(line);
    if (keeping || /^(Planning|Execution) Time/.test(line)) {
      const trimmed = /^\s/.test(line) ? line.replace(/^\s*(->\s+)?/, (m) => (m.includes('->') ? '-> ' : '   ')) : line;
      out.push(trimmed.length > 140 ? `${trimmed.slice(0, 139)}…` : trimmed);
    }
  }
  return out;
}

const TEXT_INDEXES = ['clinicians_search_idx'];
const indexesUsed = (plan: string[]): string[] => TEXT_INDEXES.filter((ix) => plan.some((l) => l.includes(ix)));
const executionTime = (plan: string[]): string =>
  /Execution Time: ([\d.]+) ms/.exec(plan.find((l) => l.includes('Execution Time')) ?? '')?.[1] ?? '?';

async function openBenchDatabase(): Promise<{ target: BenchDatabase; dataDir: string; tempDir: string | null }> {
  const given = givenBenchDatabase();
  if (given) return { target: given, dataDir: 'memory://', tempDir: null };
  if (process.env['DATABASE_URL']) {
    return { target: await freshBenchDatabase('portico_bench_directory'), dataDir: 'memory://', tempDir: null };
  }
  const tempDir = process.env['BENCH_DATA_DIR'] ? null : await mkdtemp(join(tmpdir(), 'portico-bench-'));
  const dataDir = process.env['BENCH_DATA_DIR'] || join(tempDir ?? tmpdir(), 'pglite');
  return {
    target: { url: null, label: `PGlite (${dataDir})`, dispose: async () => undefined },
    dataDir,
    tempDir,
  };
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
      ...(target.url ? { DATABASE_URL: target.url } : {}),
    });
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const engine =
      database.engine === 'postgres'
        ? `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]?.v ?? ''} at ${target.label}, pool of 10`
        : `${target.label}, PGlite ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]?.v ?? ''} inside the Node process`;
    const migration = await migrate(database);
    await seedDemo(database.db);

    const seedStarted = Date.now();
    const added = await generateClinicians(database.db, CLINICIANS);
    const seedMs = Date.now() - seedStarted;
    const analyzeStarted = Date.now();
    // PostgreSQL's autovacuum would analyze a table this size on its own within a minute; PGlite has
    // no autovacuum, so without this its planner would guess. Done explicitly for both, for equal footing.
    if (process.env['BENCH_NO_ANALYZE'] !== '1') await sql`analyze clinicians`.execute(database.db);
    const analyzeMs = Date.now() - analyzeStarted;
    const totals = await sql<{ n: string; areas: string }>`
      select (select count(*) from clinicians) as n, (select count(*) from clinician_clinical_areas) as areas`.execute(
      database.db,
    );
    const cancer = await database.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'harbor-cancer')
      .executeTakeFirstOrThrow();

    const built = await buildApp(config, database);
    app = built.app;
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });

    console.log(
      `Portico directory benchmark — node ${process.version}, ${cpus().length} CPUs, ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB\n` +
        `database: ${engine}\n` +
        `migrations applied this run: ${migration.applied.join(', ') || 'none'}\n` +
        `${totals.rows[0]?.n ?? '?'} clinicians (${added} generated, bulk insert + refreshSearch ` +
        `${(seedMs / 1000).toFixed(1)} s; analyze ${analyzeMs} ms), ${totals.rows[0]?.areas ?? '?'} clinician–area links\n` +
        `${CONNECTIONS} requests in flight, ${DURATION} s per kind, 20 results a page, each kind cycles through 4 queries\n`,
    );

    const list = kinds({ cancer: cancer.id });
    console.log('What the first two queries of each kind find (total matches — first result):');
    for (const kind of list) {
      for (const q of kind.queries.slice(0, 2)) {
        const res = await fetch(`${origin}/api/directory/clinicians?${q}`);
        const body = (await res.json()) as DirectoryResult;
        const first = body.clinicians[0];
        const found = first
          ? `${first.givenName} ${first.familyName}, ${first.specialty}`
          : `relax: ${body.relax.map((r) => `${r.filter} (${r.resultCount})`).join(', ') || 'nothing'}`;
        console.log(
          `  ${kind.name.padEnd(15)} ${decodeURIComponent(q).padEnd(62)} ${String(body.total).padStart(5)} — ${found}`,
        );
      }
    }
    console.log('\nMeasuring:');
    const load = await LoadClient.start();
    const figures: Figures[] = [];
    try {
      for (const kind of list) {
        figures.push(
          await measure(
            load,
            origin,
            kind.name,
            kind.queries.map((q) => `/api/directory/clinicians?${q}`),
          ),
        );
      }
      figures.push(await measure(load, origin, 'facets (page load)', ['/api/directory/facets']));
    } finally {
      load.stop();
    }
    console.log(
      `\n${table([
        ['query kind', 'req/s', 'p50', 'p95', 'p99', 'requests'],
        ...figures.map((f) => [
          f.name,
          Math.round(f.requestsPerSecond).toString(),
          ms(f.p50),
          ms(f.p95),
          ms(f.p99),
          f.requests.toString(),
        ]),
      ])}\n`,
    );

    for (const [q, extra] of [
      ['cardio', {}],
      ['dermotology', {}],
      ['heart failure', {}],
      ['cardio', { language: 'es', state: 'MA' }],
    ] as const) {
      const query = await searchSql(database, q, extra);
      const plan = await explain(database, query);
      const forced = await explain(database, query, true);
      const used = indexesUsed(plan);
      const forcedUsed = indexesUsed(forced);
      console.log(
        `EXPLAIN ANALYZE — search "${q}"${Object.keys(extra).length ? ` + ${JSON.stringify(extra)}` : ''}: ` +
          `text-search indexes used: ${used.join(', ') || 'none'}; ${executionTime(plan)} ms\n` +
          planSummary(plan)
            .map((l) => `    ${l}`)
            .join('\n') +
          `\n  The same SQL with enable_seqscan off: ${forcedUsed.join(', ') || 'no text-search index'}; ` +
          `${executionTime(forced)} ms\n`,
      );
    }
  } finally {
    await app?.close();
    await database?.close();
    await target.dispose();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
