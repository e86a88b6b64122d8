/**
 * API benchmark: an authenticated patient-data read through the whole Portico stack, against a
 * bare node:http server answering the same JSON, both in this process. Prints figures; asserts nothing.
 *
 *   npm run bench:api
 *   BENCH_DURATION=30 BENCH_CONNECTIONS=20 npm run bench:api
 *   BENCH_DATA_DIR=memory:// npm run bench:api              (in-memory PGlite instead of a temp dir)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/portico_bench npm run bench:api   (PostgreSQL)
 *
 * The load generator runs in a worker thread (autocannon `workers: 1`) so it does not share an
 * event loop with the server being measured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { SessionInfo } from '@portico/contracts';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD } from '../server/src/demo/data.js';
import { seedDemo } from '../server/src/demo/seed.js';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return n;
}

const DURATION = envInt('BENCH_DURATION', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] || null;

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Figures> {
  process.stdout.write(`  ${name}: ${DURATION} s … `);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION, workers: 1 });
  const figures = {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
  process.stdout.write(`${Math.round(figures.requestsPerSecond)} req/s\n`);
  if (figures.errors > 0 || figures.non2xx > 0) {
    throw new Error(`${name}: ${figures.errors} connection errors, ${figures.non2xx} non-2xx responses`);
  }
  return figures;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}

async function countAuditRows(database: DatabaseHandle): Promise<number> {
  const row = await database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)));
      return i === 0 ? `${line.join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line.join('  ');
    })
    .join('\n');
}

async function main(): Promise<void> {
  const tempDir = DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'portico-bench-'));
  const dataDir = process.env['BENCH_DATA_DIR'] || join(tempDir ?? tmpdir(), 'pglite');
  const config = loadConfig({
    PORTICO_PORT: '0',
    PORTICO_HOST: '127.0.0.1',
    PORTICO_DATA_DIR: dataDir,
    PORTICO_LOG_LEVEL: 'silent',
    ...(DATABASE_URL ? { DATABASE_URL } : {}),
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const engine = database.engine === 'postgres' ? 'PostgreSQL' : `PGlite (${dataDir})`;
  await migrate(database);
  await seedDemo(database.db);
  const { app } = await buildApp(config, database);
  const bare = createServer();
  try {
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });

    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'patient@example.org', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const session = (await login.json()) as SessionInfo;
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('portico_session='));
    const patientId = session.user.patientId;
    if (!cookie || !patientId) throw new Error('sign-in gave no session cookie or no patient id');

    const readPath = `/api/patients/${patientId}`;
    const probe = await fetch(`${origin}${readPath}`, { headers: { cookie } });
    if (probe.status !== 200) throw new Error(`GET ${readPath}: ${probe.status} ${await probe.text()}`);
    const body = await probe.text();

    bare.on('request', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
    const bareOrigin = await listen(bare);

    process.stdout.write(
      `Portico API benchmark — node ${process.version}, ${cpus().length} CPUs, ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB, database ${engine}\n` +
        `${CONNECTIONS} connections, ${DURATION} s per run, ${Buffer.byteLength(body)}-byte JSON body\n\n`,
    );
    const auditBefore = await countAuditRows(database);
    const portico = await measure(`Portico GET /api/patients/:id`, `${origin}${readPath}`, { cookie });
    const auditAfter = await countAuditRows(database);
    const baseline = await measure('bare node:http, same body', bareOrigin);
    process.stdout.write('  breakdown:\n');
    const session_ = await measure(
      'Portico GET /api/auth/session (session lookup, no audit)',
      `${origin}/api/auth/session`,
      {
        cookie,
      },
    );
    const health = await measure('Portico GET /healthz (framework only, no database)', `${origin}/healthz`);

    const fmt = (f: Figures): string[] => [
      f.name,
      Math.round(f.requestsPerSecond).toString(),
      `${f.p50} ms`,
      `${f.p99} ms`,
      f.requests.toString(),
    ];
    process.stdout.write(
      `\n${table([['', 'req/s', 'p50', 'p99', 'requests'], fmt(portico), fmt(baseline), fmt(session_), fmt(health)])}\n\n`,
    );
    const ratio = baseline.requestsPerSecond / portico.requestsPerSecond;
    process.stdout.write(
      `Portico / bare: ${(portico.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)} of the throughput ` +
        `(bare is ${ratio.toFixed(1)}× faster); p50 ${portico.p50} ms vs ${baseline.p50} ms, ` +
        `p99 ${portico.p99} ms vs ${baseline.p99} ms.\n` +
        `Audit rows written during the Portico run: ${auditAfter - auditBefore} ` +
        `(${portico.requests} requests measured).\n`,
    );
  } finally {
    bare.close();
    await app.close();
    await database.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
