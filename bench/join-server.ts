/**
 * bench:join's Portico, in a Node process of its own (started by bench/join.ts; never on its own):
 * the real app (buildApp) as shipped — the embedded database in its worker thread on disk,
 * `NODE_ENV=production`, the default log level — serving the built web app, with the demo data.
 * The browsers' driver stays in the parent, so its work never shares this event loop.
 *
 * Sends `{ origin }` over IPC once listening, then answers `{ addVisit: true }` with
 * `{ visitId }`: a video visit between the demo patient and the demo clinician, five minutes
 * ahead (any other open visit of the patient is cancelled so the pair is free). Exits when the
 * parent disconnects.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { ensureDemoHours } from '../server/src/demo/registration.js';
import { seedDemo } from '../server/src/demo/seed.js';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const dataDir = process.env['BENCH_TARGET_DATA_DIR'];

async function addVisit(database: DatabaseHandle): Promise<string> {
  const db = database.db;
  const pair = await db
    .selectFrom('patients as p')
    .innerJoin('users as pu', 'pu.id', 'p.user_id')
    .innerJoin('clinicians as c', (j) => j.onTrue())
    .innerJoin('users as cu', 'cu.id', 'c.user_id')
    .innerJoin('visit_types as vt', (j) => j.onRef('vt.clinician_id', '=', 'c.id').on('vt.mode', '=', 'video'))
    .select(['p.id as patientId', 'c.id as clinicianId', 'c.organization_id as orgId', 'vt.id as typeId'])
    .where('pu.email', '=', 'patient@example.org')
    .where('cu.email', '=', 'clinician@example.org')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('appointments')
    .set({ status: 'cancelled' })
    .where('patient_id', '=', pair.patientId)
    .where('status', 'in', ['booked', 'arrived', 'checked-in'])
    .execute();
  const start = new Date(Date.now() + 5 * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const row = await db
    .insertInto('appointments')
    .values({
      organization_id: pair.orgId,
      clinician_id: pair.clinicianId,
      patient_id: pair.patientId,
      visit_type_id: pair.typeId,
      mode: 'video',
      status: 'booked',
      start_at: start,
      end_at: end,
      busy_until: end,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A port free right now on 127.0.0.1 (the public URL has to name it before the app starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not read the probe port'))));
    });
  });
}

async function main(): Promise<void> {
  if (!dataDir || !process.send) throw new Error('bench/join-server.ts is started by bench/join.ts.');
  const port = await freePort();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    PORTICO_PORT: String(port),
    PORTICO_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORTICO_HOST: '127.0.0.1',
    PORTICO_DATA_DIR: dataDir,
    PORTICO_WEB_DIST: WEB_DIST,
    PORTICO_SEED_DEMO: 'false',
    // Production asks for keys outside the data folder; throwaway ones for this run.
    PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64'),
    PORTICO_MFA_KEY: randomBytes(32).toString('base64'),
    // As with the demo data of `npm start`: the demo clinician signs in with a password only.
    PORTICO_MFA_REQUIRED_ROLES: 'none',
    // Both sides' browsers share the server's two cores here, which a server never does: their
    // bursts would make it shed requests on event-loop delay (bench:overload measures shedding).
    PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
    PORTICO_MAX_DATABASE_WAIT_MS: '0',
    // The bench signs in a few times a run from one address.
    PORTICO_AUTH_RATE_LIMIT: '1000',
  });
  const database = await openDatabase({
    databaseUrl: null,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
  });
  await migrate(database);
  await seedDemo(database.db);
  await ensureDemoHours(database.db);
  const { app } = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  process.send({ origin: config.publicUrl });
  process.on('message', (message: { addVisit?: boolean }) => {
    if (!message.addVisit) return;
    addVisit(database).then(
      (visitId) => process.send?.({ visitId }),
      (err: unknown) => process.send?.({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.on('disconnect', () => {
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
