import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { ensureDemoVisit } from '../src/demo/visit.js';
import { createOrganization, TEST_DATABASE_URL } from './context.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://' });
});
afterAll(async () => handle?.close());

describe('migrations', () => {
  it('apply once and are a no-op the second time', async () => {
    await migrate(handle);
    const again = await migrate(handle);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(1);
    const rows = await handle.db
      .selectFrom('schema_migrations')
      .select(['version', 'name'])
      .orderBy('version')
      .execute();
    expect(rows[0]).toEqual({ version: '0001', name: '0001_foundation' });
  });

  it('run safely from several processes at once (advisory lock on PostgreSQL, single connection on PGlite)', async () => {
    const results = await Promise.all([migrate(handle), migrate(handle), migrate(handle)]);
    expect(results.flatMap((r) => r.applied)).toEqual([]);
  });

  it('constraints guard the data: a clinician account without an organization is impossible', async () => {
    await expect(
      handle.db
        .insertInto('users')
        .values({
          email: `x${Date.now()}@test.example`,
          role: 'clinician',
          given_name: 'A',
          family_name: 'B',
          organization_id: null,
          password_hash: null,
        })
        .execute(),
    ).rejects.toThrow(/users_workforce_org/);
  });

  it('emails are unique regardless of case', async () => {
    const email = `Case.${Date.now()}@Test.example`;
    await handle.db
      .insertInto('users')
      .values({ email, role: 'patient', given_name: 'A', family_name: 'B', organization_id: null, password_hash: null })
      .execute();
    await expect(
      handle.db
        .insertInto('users')
        .values({
          email: email.toLowerCase(),
          role: 'patient',
          given_name: 'A',
          family_name: 'B',
          organization_id: null,
          password_hash: null,
        })
        .execute(),
    ).rejects.toThrow(/duplicate key|unique/);
  });

  it('a failed statement inside a transaction leaves nothing behind', async () => {
    const slug = `tx-${Date.now()}`;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organizations')
          .values({
            slug,
            name: 'Rollback Hospital',
            time_zone: 'UTC',
            tech_help_phone: '1',
            tech_help_email: 'a@b',
            billing_phone: '1',
            settings: '{}',
          })
          .execute();
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await handle.db.selectFrom('organizations').select('id').where('slug', '=', slug).execute()).toEqual([]);
  });
});

describe('demo data', () => {
  it.runIf(TEST_DATABASE_URL === null)('loads the demo health system once, on an empty database', async () => {
    const first = await seedDemo(handle.db);
    expect(first).toEqual({ seeded: true, organizations: 2, clinicians: 44, patients: 22 });
    expect((await seedDemo(handle.db)).seeded).toBe(false);
    const lines = await handle.db.selectFrom('clinicians').select('service_line_code').distinct().execute();
    expect(lines).toHaveLength(22);
    const orgs = await handle.db
      .selectFrom('organizations')
      .select(['name', 'tech_help_phone'])
      .orderBy('name')
      .execute();
    expect(orgs.map((o) => o.name)).toEqual(['Harbor Cancer Institute', 'Harbor General Hospital']);
    expect(orgs.every((o) => /555-\d{4}$/.test(o.tech_help_phone))).toBe(true);
    const photos = await handle.db.selectFrom('clinicians').select('photo_svg').execute();
    expect(
      photos.every((p) => p.photo_svg.startsWith('<svg') && !/https?:\/\/(?!www\.w3\.org)/.test(p.photo_svg)),
    ).toBe(true);
    const demo = await handle.db
      .selectFrom('users')
      .select(['email', 'role'])
      .where('email', 'like', '%@example.org')
      .orderBy('email')
      .execute();
    expect(demo.map((u) => u.role).sort()).toEqual(['admin', 'clinician', 'patient', 'staff', 'staff']);
  });

  it.runIf(TEST_DATABASE_URL === null)('has a Spanish-speaking cardiologist and care-team message pools', async () => {
    const cardiologists = await handle.db
      .selectFrom('clinicians')
      .select('languages')
      .where('specialty', '=', 'Cardiology')
      .execute();
    expect(cardiologists.some((c) => c.languages.includes('es'))).toBe(true);
    const pools = await handle.db
      .selectFrom('message_pools as p')
      .innerJoin('message_pool_members as m', 'm.pool_id', 'p.id')
      .select(['p.name'])
      .distinct()
      .execute();
    expect(pools.map((p) => p.name)).toEqual(expect.arrayContaining(['Cardiology nurses', 'Oncology nurses']));
  });

  it.runIf(TEST_DATABASE_URL === null)('keeps one demo video visit about 20 minutes ahead, once', async () => {
    const now = new Date();
    const start = await ensureDemoVisit(handle.db, now);
    if (!start) throw new Error('expected a demo visit to be booked');
    const lead = (start.getTime() - now.getTime()) / 60_000;
    expect(lead).toBeGreaterThanOrEqual(20);
    expect(lead).toBeLessThan(25);
    expect(await ensureDemoVisit(handle.db, now)).toBeNull();
    const booked = await handle.db
      .selectFrom('appointments as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .select(['a.mode', 'a.status', 'p.email'])
      .where('a.start_at', '=', start)
      .execute();
    expect(booked).toEqual([{ mode: 'video', status: 'booked', email: 'patient@example.org' }]);
  });

  it('is not loaded into a database that already has organizations', async () => {
    await createOrganization(handle);
    expect((await seedDemo(handle.db)).seeded).toBe(false);
  });
});
