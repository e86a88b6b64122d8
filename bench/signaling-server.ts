/**
 * The server half of `npm run bench:signaling`: one Portico process with N video visits ready to
 * join (patients checked in and waiting). Prints one JSON line describing them, then serves until
 * killed. Run by signaling.ts as a child process so its memory can be read on its own.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { initialsAvatar } from '../server/src/lib/avatar.js';

const VISITS = Number(process.env['BENCH_VISITS'] ?? '500');
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] || null;

export interface BenchVisit {
  appointmentId: string;
  patientCookie: string;
  clinicianCookie: string;
  clinicianCsrf: string;
}

async function main(): Promise<void> {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: 'memory://', poolSize: 10 });
  await migrate(database);
  const config = loadConfig({ PORTICO_LOG_LEVEL: 'silent', PORTICO_DATA_DIR: 'memory://', PORTICO_PORT: '0' });
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
  for (let i = 0; i < VISITS; i++) {
    const run = `${Date.now()}-${i}`;
    const [clinicianUser, patientUser] = await db
      .insertInto('users')
      .values([
        {
          email: `c-${run}@bench.example`,
          role: 'clinician',
          given_name: 'Clin',
          family_name: `${i}`,
          organization_id: org.id,
        },
        {
          email: `p-${run}@bench.example`,
          role: 'patient',
          given_name: 'Pat',
          family_name: `${i}`,
          organization_id: org.id,
        },
      ])
      .returning('id')
      .execute();
    if (!clinicianUser || !patientUser) throw new Error('could not create bench users');
    const clinician = await db
      .insertInto('clinicians')
      .values({
        organization_id: org.id,
        user_id: clinicianUser.id,
        given_name: 'Clin',
        family_name: `${i}`,
        specialty: 'Cardiology',
        service_line_code: 'cardiac',
        photo_svg: initialsAvatar('Clin', `${i}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visitType = await db
      .insertInto('visit_types')
      .values({ clinician_id: clinician.id, name: 'Video', mode: 'video', duration_minutes: 30, buffer_minutes: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patient = await db
      .insertInto('patients')
      .values({
        organization_id: org.id,
        user_id: patientUser.id,
        given_name: 'Pat',
        family_name: `${i}`,
        birth_date: '1950-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const appt = await db
      .insertInto('appointments')
      .values({
        organization_id: org.id,
        clinician_id: clinician.id,
        patient_id: patient.id,
        visit_type_id: visitType.id,
        mode: 'video',
        status: 'checked-in',
        start_at: start,
        end_at: end,
        busy_until: end,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const encounter = await db
      .insertInto('encounters')
      .values({
        appointment_id: appt.id,
        organization_id: org.id,
        patient_id: patient.id,
        clinician_id: clinician.id,
        status: 'arrived',
        waiting_since: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('visit_check_ins')
      .values({
        encounter_id: encounter.id,
        location_country: 'US',
        location_region: 'MA',
        location_allowed: true,
        medications_confirmed: true,
        contact_phone: '617-555-0123',
        insurance_confirmed: true,
        consent_version: '2026-11-01',
        consent_accepted_at: new Date(),
      })
      .execute();
    const meta = { ip: '127.0.0.1', userAgent: 'bench' };
    const p = await services.sessions.create(patientUser.id, meta);
    const c = await services.sessions.create(clinicianUser.id, meta);
    const csrf = await db
      .selectFrom('sessions')
      .select('csrf_token')
      .where('id', '=', c.sessionId)
      .executeTakeFirstOrThrow();
    visits.push({
      appointmentId: appt.id,
      patientCookie: `portico_session=${p.token}`,
      clinicianCookie: `portico_session=${c.token}`,
      clinicianCsrf: csrf.csrf_token,
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ port, engine: database.engine, bus: services.visits.bus.name, visits })}\n`);
  const stop = () =>
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
