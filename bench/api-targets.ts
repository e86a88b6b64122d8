/**
 * One bench:api target in its own Node process (started by bench/api.ts, and `portico` by
 * bench/account-requests.ts; never on its own):
 *
 *   portico  the real app (buildApp) at the shipped log level, on the bench database
 *   floor    a bare node:http server running the same SQL as an authenticated patient read —
 *            session look-up, patient row, audit append on the chain — through the same driver
 *            (PGlite in a worker via openDatabase, or pg), with no framework and no cache
 *   bare     a bare node:http server answering the same JSON body from memory
 *   fastify  an empty Fastify app with Portico's /healthz route (same response schema), a logger
 *            at info written to stdout (nowhere) and one request line in 100, as Portico ships
 *
 * Sends `{ origin }` over IPC once listening; answers `'cpu'` with `{ cpu: process.cpuUsage() }`;
 * exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp, loggerOptions } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { httpSettings } from '../server/src/config/http.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { hashToken } from '../server/src/lib/tokens.js';
import { appendChained } from '../server/src/modules/audit/chain.js';
import { IdentityRepository } from '../server/src/modules/identity/repository.js';
import { PatientRepository } from '../server/src/modules/patients/repository.js';
import { requestIds, SampledRequestLog } from '../server/src/plugins/request-log.js';

const kind = process.argv[2];
const dataDir = process.env['BENCH_TARGET_DATA_DIR'] ?? 'memory://';
const databaseUrl = process.env['BENCH_TARGET_DATABASE_URL'] || null;
const body = process.env['BENCH_TARGET_BODY'] ?? '{}';

async function portico(): Promise<{ origin: string; close(): Promise<void> }> {
  // As shipped: the default log level (info) and the container's NODE_ENV, written where the
  // parent sends this process's stdout (nowhere), so the cost of each line is still paid.
  const config = loadConfig({
    ...process.env,
    PORTICO_PORT: '0',
    PORTICO_HOST: '127.0.0.1',
    PORTICO_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { app } = await buildApp(config, database);
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

function serve(handler: (url: string, cookie: string | undefined) => Promise<string | null>): Promise<string> {
  const server = createServer((req, res) => {
    handler(req.url ?? '/', req.headers.cookie).then(
      (text) => {
        if (text === null) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      },
      (err: unknown) => {
        console.error(err);
        res.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function floor(): Promise<{ origin: string; close(): Promise<void> }> {
  const database: DatabaseHandle = await openDatabase({ databaseUrl, dataDir });
  const identity = new IdentityRepository(database.db);
  const patients = new PatientRepository(database.db);
  const origin = await serve(async (url, cookie) => {
    const token = /portico_session=([^;]+)/.exec(cookie ?? '')?.[1];
    const session = token ? await identity.findSessionByTokenHash(hashToken(token)) : undefined;
    const patientId = url.split('/').pop() ?? '';
    if (!session?.patient_id) return null;
    const row = await patients.get(patientId, { kind: 'self', patientId: session.patient_id });
    await appendChained(database.db, {
      actor_user_id: session.user_id,
      actor_role: session.role,
      acting_for_patient_id: session.patient_id,
      patient_id: patientId,
      organization_id: session.organization_id,
      action: 'patient.read',
      entity_type: 'Patient',
      entity_id: patientId,
      outcome: row ? 'allowed' : 'denied',
      ip: '127.0.0.1',
      request_id: null,
      detail: {},
    });
    return row ? JSON.stringify(row) : null;
  });
  return { origin, close: () => database.close() };
}

async function bare(): Promise<{ origin: string; close(): Promise<void> }> {
  const origin = await serve(async () => body);
  return { origin, close: async () => undefined };
}

async function fastify(): Promise<{ origin: string; close(): Promise<void> }> {
  const app = Fastify({
    logger: loggerOptions('info'),
    genReqId: requestIds(),
    logController: new SampledRequestLog(httpSettings(process.env).requestLogSample),
  });
  app.get(
    '/healthz',
    { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } },
    async () => ({ status: 'ok' }),
  );
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, close: () => app.close() };
}

const targets = { portico, floor, bare, fastify } as const;
const start = kind && kind in targets ? targets[kind as keyof typeof targets] : null;
if (!start || !process.send) {
  console.error('bench/api-targets.ts is started by bench/api.ts (portico | floor | bare | fastify).');
  process.exit(1);
}
const target = await start();
process.send({ origin: target.origin });
// The parent asks for this process's CPU time (all threads) before and after each run.
process.on('message', (m: unknown) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => {
  void target.close().finally(() => process.exit(0));
});
