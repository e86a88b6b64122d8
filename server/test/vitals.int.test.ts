import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VitalSigns } from '@portico/contracts';
import { createTestContext, createUser, signIn, type TestContext, type TestUser } from './context.js';

// The portal's vital signs: the open record's readings, one series per kind, oldest first.
let ctx: TestContext;
let alice: TestUser;
let bob: TestUser;

const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestContext();
  alice = await createUser(ctx, 'patient');
  bob = await createUser(ctx, 'patient');
  const base = { organization_id: ctx.orgId, source: 'check-in' as const };
  await ctx.database.db
    .insertInto('vital_signs')
    .values([
      {
        ...base,
        patient_id: alice.patientId ?? '',
        kind: 'body-weight',
        value: 80.4,
        effective_at: new Date(Date.now() - 2 * DAY),
      },
      {
        ...base,
        patient_id: alice.patientId ?? '',
        kind: 'body-weight',
        value: 81.2,
        effective_at: new Date(Date.now() - 90 * DAY),
      },
      {
        ...base,
        patient_id: alice.patientId ?? '',
        kind: 'blood-pressure',
        value: 128,
        value2: 82,
        effective_at: new Date(Date.now() - 2 * DAY),
      },
      {
        ...base,
        patient_id: bob.patientId ?? '',
        kind: 'heart-rate',
        value: 64,
        effective_at: new Date(Date.now() - DAY),
      },
    ])
    .execute();
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/results/vitals', () => {
  it('gives the patient their own readings by kind, oldest first, and audits the read', async () => {
    const agent = await signIn(ctx.app, alice.email);
    const res = await agent.inject('GET', '/api/results/vitals');
    expect(res.statusCode).toBe(200);
    const { vitals } = res.json<VitalSigns>();
    expect(vitals.map((s) => s.kind)).toEqual(['blood-pressure', 'body-weight']);
    expect(vitals[0]).toMatchObject({ unit: 'mm[Hg]', points: [{ value: 128, value2: 82 }] });
    expect(vitals[1]?.unit).toBe('kg');
    expect(vitals[1]?.points.map((p) => p.value)).toEqual([81.2, 80.4]);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'detail'])
      .where('patient_id', '=', alice.patientId)
      .where('action', '=', 'vitals.list')
      .execute();
    expect(audit).toEqual([{ outcome: 'allowed', detail: { readings: 3 } }]);
  });

  it("never shows another patient's readings, and is for patients and proxies only", async () => {
    const agent = await signIn(ctx.app, bob.email);
    const { vitals } = (await agent.inject('GET', '/api/results/vitals')).json<VitalSigns>();
    expect(vitals.map((s) => s.kind)).toEqual(['heart-rate']);
    const clinician = await createUser(ctx, 'clinician');
    const care = await signIn(ctx.app, clinician.email);
    expect((await care.inject('GET', '/api/results/vitals')).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/results/vitals' })).statusCode).toBe(401);
  });
});
