/**
 * The server half of `npm run bench:signaling`: one Portico process with N video visits ready to
 * join (patients checked in and waiting). Sends the parent (over IPC) one message describing them,
 * then serves until killed, answering memory requests after a forced GC. Run by signaling.ts as a
 * child process (with --expose-gc) so its memory can be read on its own.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { initialsAvatar } from '../server/src/lib/avatar.js';
import { openPgliteFromTemplate } from '../server/test/db-template.js';
import { memoryReport, type BenchVisit, type ServerReady } from './signaling-server-ipc.js';

const VISITS = Number(process.env['BENCH_VISITS'] ?? '500');
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] || null;
const CHUNK = 250;

async function main(): Promise<void> {
  // The embedded database starts from the test suite's cached migrated archive (a minute saved per run).
  const database = DATABASE_URL
    ? await openDatabase({ databaseUrl: DATABASE_URL, dataDir: 'memory://', poolSize: 10 })
    : await openPgliteFromTemplate('migrated');
  if (DATABASE_URL) await migrate(database);
  // Load shedding off: this measures the signaling path itself (bench:overload measures shedding).
  const config = loadConfig({
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_PORT: '0',
    PORTICO_MAX_IN_FLIGHT: '100000',
    PORTICO_MAX_DATABASE_QUEUE: '100000',
    PORTICO_MAX_DATABASE_WAIT_MS: '60000',
    PORTICO_MAX_EVENT_LOOP_DELAY_MS: '60000',
  });
  const { app, services } = await buildApp(config, database, false);
  const db = database.db;
  const org = await db
    .insertInto('organizations')
    .values({
      slug: `bench-${Date.now()}`,
      name: 'Bench Hospital',
      time_zone: 'America/New_York',
      tech_help_phone: '617-555-0100',
      tech_help_email: 'help@bench.example',
      billing_phone: '617-555-0101',
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_lines')
    .values({ code: 'cardiac', name: 'Cardiac' })
    .onConflict((oc) => oc.doNothing())
    .execute();

  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const visits: BenchVisit[] = [];
  // In chunks of multi-row inserts: 5,000 visits one statement at a time took minutes.
  const run = Date.now();
  for (let from = 0; from < VISITS; from += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, VISITS - from) }, (_, k) => from + k);
    const users = await db
      .insertInto('users')
      .values(
        ids.flatMap((i) => [
          {
            email: `c-${run}-${i}@bench.example`,
            role: 'clinician' as const,
            given_name: 'Clin',
            family_name: `${i}`,
            organization_id: org.id,
          },
          {
            email: `p-${run}-${i}@bench.example`,
            role: 'patient' as const,
            given_name: 'Pat',
            family_name: `${i}`,
            organization_id: org.id,
          },
        ]),
      )
      .returning(['id', 'email'])
      .execute();
    const userId = new Map(users.map((u) => [u.email, u.id]));
    const user = (kind: 'c' | 'p', i: number) => userId.get(`${kind}-${run}-${i}@bench.example`) ?? '';
    const clinicians = await db
      .insertInto('clinicians')
      .values(
        ids.map((i) => ({
          organization_id: org.id,
          user_id: user('c', i),
          given_name: 'Clin',
          family_name: `${i}`,
          specialty: 'Cardiology',
          service_line_code: 'cardiac',
          photo_svg: initialsAvatar('Clin', `${i}`),
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    const clinicianOf = new Map(clinicians.map((c) => [c.user_id, c.id]));
    const types = await db
      .insertInto('visit_types')
      .values(
        clinicians.map((c) => ({
          clinician_id: c.id,
          name: 'Video',
          mode: 'video' as const,
          duration_minutes: 30,
          buffer_minutes: 0,
        })),
      )
      .returning(['id', 'clinician_id'])
      .execute();
    const typeOf = new Map(types.map((t) => [t.clinician_id, t.id]));
    const patients = await db
      .insertInto('patients')
      .values(
        ids.map((i) => ({
          organization_id: org.id,
          user_id: user('p', i),
          given_name: 'Pat',
          family_name: `${i}`,
          birth_date: '1950-01-01',
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    const patientOf = new Map(patients.map((p) => [p.user_id, p.id]));
    const who = ids.map((i) => {
      const clinicianId = clinicianOf.get(user('c', i)) ?? '';
      return { i, clinicianId, patientId: patientOf.get(user('p', i)) ?? '', typeId: typeOf.get(clinicianId) ?? '' };
    });
    const appts = await db
      .insertInto('appointments')
      .values(
        who.map((w) => ({
          organization_id: org.id,
          clinician_id: w.clinicianId,
          patient_id: w.patientId,
          visit_type_id: w.typeId,
          mode: 'video' as const,
          status: 'checked-in' as const,
          start_at: start,
          end_at: end,
          busy_until: end,
        })),
      )
      .returning(['id', 'clinician_id'])
      .execute();
    const apptOf = new Map(appts.map((a) => [a.clinician_id, a.id]));
    const encounters = await db
      .insertInto('encounters')
      .values(
        who.map((w) => ({
          appointment_id: apptOf.get(w.clinicianId) ?? '',
          organization_id: org.id,
          patient_id: w.patientId,
          clinician_id: w.clinicianId,
          status: 'arrived' as const,
          waiting_since: new Date(),
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('visit_check_ins')
      .values(
        encounters.map((e) => ({
          encounter_id: e.id,
          location_country: 'US',
          location_region: 'MA',
          location_allowed: true,
          medications_confirmed: true,
          contact_phone: '617-555-0123',
          insurance_confirmed: true,
          consent_version: '2026-11-01',
          consent_accepted_at: new Date(),
        })),
      )
      .execute();
    const meta = { ip: '127.0.0.1', userAgent: 'bench' };
    const made = await Promise.all(
      who.map(async (w) => ({
        w,
        p: await services.sessions.create(user('p', w.i), meta),
        c: await services.sessions.create(user('c', w.i), meta),
      })),
    );
    const csrf = await db
      .selectFrom('sessions')
      .select(['id', 'csrf_token'])
      .where(
        'id',
        'in',
        made.map((m) => m.c.sessionId),
      )
      .execute();
    const csrfOf = new Map(csrf.map((s) => [s.id, s.csrf_token]));
    for (const { w, p, c } of made) {
      visits.push({
        appointmentId: apptOf.get(w.clinicianId) ?? '',
        patientCookie: `portico_session=${p.token}`,
        clinicianCookie: `portico_session=${c.token}`,
        clinicianCsrf: csrfOf.get(c.sessionId) ?? '',
      });
    }
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const ready: ServerReady = { type: 'ready', port, engine: database.engine, bus: services.visits.bus.name, visits };
  process.send?.(ready);
  process.on('message', (m: { type: string }) => {
    if (m.type === 'memory') process.send?.(memoryReport());
  });
  const stop = () =>
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
