import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { DEMO_SIGN_INS } from '../src/demo/data.js';
import { demoResetReport, resetDemo } from '../src/demo/reset.js';
import { createTestContext, TEST_DATABASE_URL, uniq, type TestContext } from './context.js';

// Issue 17: `npm run demo:reset` gives fresh demo data and a new demo visit ~20 minutes ahead.
const config = loadConfig({ PORTICO_DATA_DIR: 'memory://', PORTICO_LOG_LEVEL: 'silent' });

describe('demo:reset on a database that is not only the demo', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('refuses, names the organization and changes nothing', async () => {
    const before = await ctx.database.db.selectFrom('organizations').select('id').where('id', '=', ctx.orgId).execute();
    const result = await resetDemo(ctx.database, config);
    expect(result.reset).toBe(false);
    if (result.reset) return;
    expect(result.reason).toMatch(/not the demo's: Test Hospital org-/);
    expect(demoResetReport(result, 'PostgreSQL')).toMatch(/^Demo data not reset on PostgreSQL: .*nothing was changed/);
    const after = await ctx.database.db.selectFrom('organizations').select('id').where('id', '=', ctx.orgId).execute();
    expect(after).toEqual(before);
  });
});

// Destructive: only on a database of its own (the shared PostgreSQL test database is refused above).
describe.skipIf(TEST_DATABASE_URL !== null)('demo:reset on a demo database', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  });
  afterAll(async () => database?.close());

  const demoVisits = (now: Date) =>
    database.db
      .selectFrom('appointments as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['a.id', 'a.start_at'])
      .where('u.email', '=', 'patient@example.org')
      .where('a.status', '=', 'booked')
      .where('a.start_at', '>', now)
      .where('a.start_at', '<', new Date(now.getTime() + 3_600_000))
      .execute();

  it('loads the demo into an empty database, then starts it afresh with a new visit about 20 minutes ahead', async () => {
    const first = await resetDemo(database, config);
    expect(first).toMatchObject({ reset: true, clinicians: 44, patients: 22 });
    const emails = (await database.db.selectFrom('users').select('email').execute()).map((u) => u.email);
    for (const d of DEMO_SIGN_INS) expect(emails).toContain(d.email);

    // Someone tried the demo: the visit was used up, and a new account signed up.
    const [used] = await demoVisits(new Date());
    expect(used).toBeDefined();
    await database.db
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('id', '=', used?.id ?? '')
      .execute();
    const generalId = (
      await database.db
        .selectFrom('organizations')
        .select('id')
        .where('slug', '=', 'harbor-general')
        .executeTakeFirstOrThrow()
    ).id;
    const visitor = `${uniq('visitor')}@example.com`;
    await database.db
      .insertInto('users')
      .values({ email: visitor, role: 'patient', given_name: 'Tried', family_name: 'It', organization_id: generalId })
      .execute();
    expect(await demoVisits(new Date())).toEqual([]);

    const now = new Date();
    const second = await resetDemo(database, config, now);
    expect(second.reset).toBe(true);
    if (!second.reset) return;
    const minutes = ((second.visitAt?.getTime() ?? 0) - now.getTime()) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(19);
    expect(minutes).toBeLessThanOrEqual(26);
    const fresh = await demoVisits(now);
    expect(fresh.map((v) => v.start_at.getTime())).toEqual([second.visitAt?.getTime()]);
    expect(await database.db.selectFrom('users').select('id').where('email', '=', visitor).execute()).toEqual([]);
    expect(demoResetReport(second, 'embedded PGlite')).toMatch(
      /^Demo data reset on embedded PGlite: 44 clinicians, 22 patients.*\nDemo video visit: patient@example.org/,
    );
  }, 300_000);
});
