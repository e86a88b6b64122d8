import {
  FEE_RULE_MAX_CENTS,
  type CreateFeeRuleSetBody,
  type FeeRuleSet,
  type FeeRuleSetList,
  type Problem,
} from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, finishVisit, giveCoverage, RULES } from './billing-fixtures.js';
import {
  createOrganization,
  createTestContext,
  createUser,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';
import { createVisit, type VisitSetup } from './visit-fixtures.js';

let ctx: TestContext;
let adminUser: TestUser;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  adminUser = await createUser(ctx, 'admin');
  admin = await signIn(ctx.app, adminUser.email);
});
afterAll(async () => ctx?.close());

const DAY = 86_400_000;

function body(organizationId: string, over: Partial<CreateFeeRuleSetBody> = {}): CreateFeeRuleSetBody {
  return {
    organizationId,
    effectiveFrom: new Date(Date.now() + 7 * DAY).toISOString(),
    rules: { ...RULES, telehealthFeeCents: 5900 },
    note: 'Telehealth fee raised by the finance committee',
    ...over,
  };
}

const list = async (agent: Agent, orgId: string) =>
  agent.inject('GET', `/api/billing/rule-sets?organizationId=${orgId}`);

async function versions(orgId: string): Promise<number[]> {
  const rows = await ctx.database.db
    .selectFrom('fee_rule_sets')
    .select('version')
    .where('organization_id', '=', orgId)
    .orderBy('version')
    .execute();
  return rows.map((r) => r.version);
}

async function chargeOf(v: VisitSetup) {
  return ctx.database.db
    .selectFrom('ledger_entries as l')
    .innerJoin('encounters as e', 'e.id', 'l.encounter_id')
    .select([
      'l.id',
      'l.amount_cents',
      'l.explanation',
      'l.rule_set_id',
      'l.rule_code',
      'l.rule_params',
      'l.created_at',
    ])
    .where('e.appointment_id', '=', v.appointmentId)
    .where('l.entry_type', '=', 'charge')
    .executeTakeFirst();
}

/** Ends a video visit through the API but leaves its charge job waiting, as a busy job runner would. */
async function endWithoutCharging(v: VisitSetup): Promise<Date> {
  const view = await v.patient.inject('GET', `/api/visits/${v.appointmentId}`);
  expect(view.statusCode).toBe(200);
  await ctx.database.db
    .updateTable('encounters')
    .set({ status: 'in-progress', admitted_at: new Date(), video_connected_at: new Date() })
    .where('appointment_id', '=', v.appointmentId)
    .execute();
  const end = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
  expect(end.statusCode).toBe(200);
  const enc = await ctx.database.db
    .selectFrom('encounters')
    .select('ended_at')
    .where('appointment_id', '=', v.appointmentId)
    .executeTakeFirstOrThrow();
  if (!enc.ended_at) throw new Error('visit did not end');
  return enc.ended_at;
}

async function uncoveredVisit(orgId: string): Promise<VisitSetup> {
  const v = await createVisit(ctx, { orgId, startsInMinutes: -5 });
  await giveCoverage(ctx, v.patientId, { cost: 'not_covered' });
  return v;
}

describe('scheduling a new version of the fee rules', () => {
  it('lists a version effective in the future as scheduled, beside the one in force', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const res = await admin.inject('POST', '/api/billing/rule-sets', body(orgId));
    expect(res.statusCode).toBe(201);
    const created = res.json<FeeRuleSet>();
    expect(created).toMatchObject({
      organizationId: orgId,
      version: 2,
      status: 'scheduled',
      rules: { telehealthFeeCents: 5900, notCoveredBilling: 'telehealth_fee' },
      note: 'Telehealth fee raised by the finance committee',
      createdByName: 'Test admin',
    });

    const listed = await list(admin, orgId);
    expect(listed.statusCode).toBe(200);
    const sets = listed.json<FeeRuleSetList>();
    expect(sets.ruleSets.map((s) => [s.version, s.status])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    expect(sets.defaultRules.noFeePayerCategories).toContain('medicaid');
  });

  it('charges a visit that ended before the change under the old rules, a later one under the new, and leaves old charges alone', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const v1 = await ctx.database.db
      .selectFrom('fee_rule_sets')
      .select('id')
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();

    const charged = await uncoveredVisit(orgId);
    await finishVisit(ctx, charged, 'video');
    const before = await chargeOf(charged);
    expect(before).toMatchObject({ amount_cents: '4900', rule_set_id: v1.id });

    // Ended before the change, charged after it (the job ran late): still the old rules.
    const waiting = await uncoveredVisit(orgId);
    const endedAt = await endWithoutCharging(waiting);

    const res = await admin.inject(
      'POST',
      '/api/billing/rule-sets',
      body(orgId, { effectiveFrom: new Date().toISOString() }),
    );
    expect(res.statusCode).toBe(201);
    const v2 = res.json<FeeRuleSet>();
    expect(v2).toMatchObject({ version: 2, status: 'in_force' });
    expect(new Date(v2.effectiveFrom).getTime()).toBeGreaterThan(endedAt.getTime());

    await ctx.services.jobs.runDue('rules-test');
    expect(await chargeOf(waiting)).toMatchObject({ amount_cents: '4900', rule_set_id: v1.id });

    const after = await uncoveredVisit(orgId);
    await finishVisit(ctx, after, 'video');
    const newCharge = await chargeOf(after);
    expect(newCharge).toMatchObject({
      amount_cents: '5900',
      rule_set_id: v2.id,
      rule_code: 'not_covered_telehealth_fee',
      rule_params: { ruleVersion: 2 },
    });
    expect(newCharge?.explanation).toContain('$59.00');

    // The charge made before the change is exactly as it was.
    expect(await chargeOf(charged)).toEqual(before);
    expect(before?.explanation).toContain('$49.00');

    const sets = (await list(admin, orgId)).json<FeeRuleSetList>();
    expect(sets.ruleSets.map((s) => [s.version, s.status])).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
  });

  it('refuses a back-dated version with a field error, and stores nothing', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const res = await admin.inject(
      'POST',
      '/api/billing/rule-sets',
      body(orgId, { effectiveFrom: new Date(Date.now() - 60 * 60_000).toISOString() }),
    );
    expect(res.statusCode).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe('effective_date_in_past');
    expect(problem.errors?.map((e) => e.field)).toEqual(['effectiveFrom']);
    expect(await versions(orgId)).toEqual([1]);
  });

  it('refuses amounts that are not whole cents from $0 to the maximum, naming each field', async () => {
    const orgId = await createOrganization(ctx.database);
    const res = await admin.inject(
      'POST',
      '/api/billing/rule-sets',
      body(orgId, {
        rules: {
          ...RULES,
          telehealthFeeCents: 4900.5,
          inPersonRateCents: -1,
          noShowFeeCents: FEE_RULE_MAX_CENTS + 1,
          noFeePayerCategories: ['medicaid', 'self_pay'],
        },
        note: '   ',
        effectiveFrom: new Date(Date.now() - DAY).toISOString(),
      }),
    );
    expect(res.statusCode).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      'effectiveFrom',
      'note',
      'rules.inPersonRateCents',
      'rules.noFeePayerCategories',
      'rules.noShowFeeCents',
      'rules.telehealthFeeCents',
    ]);
    expect(await versions(orgId)).toEqual([]);

    const atMax = await admin.inject(
      'POST',
      '/api/billing/rule-sets',
      body(orgId, { rules: { ...RULES, inPersonRateCents: FEE_RULE_MAX_CENTS, noShowFeeCents: 0 } }),
    );
    expect(atMax.statusCode).toBe(201);
    expect(atMax.json<FeeRuleSet>()).toMatchObject({ version: 1, rules: { inPersonRateCents: FEE_RULE_MAX_CENTS } });
  });

  it('lets only admins schedule a version; staff read their own organization only', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId })).email);
    const patient = await signIn(ctx.app, (await createUser(ctx, 'patient', { orgId })).email);

    expect((await staff.inject('POST', '/api/billing/rule-sets', body(orgId))).statusCode).toBe(403);
    expect((await patient.inject('POST', '/api/billing/rule-sets', body(orgId))).statusCode).toBe(403);
    expect(await versions(orgId)).toEqual([1]);

    const own = await staff.inject('GET', '/api/billing/rule-sets');
    expect(own.statusCode).toBe(200);
    expect(own.json<FeeRuleSetList>()).toMatchObject({ organizationId: orgId, ruleSets: [{ version: 1 }] });
    expect((await list(staff, ctx.orgId)).statusCode).toBe(404);
    expect((await list(patient, orgId)).statusCode).toBe(403);

    const missing = await admin.inject('POST', '/api/billing/rule-sets', body('00000000-0000-4000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
  });

  it('numbers two versions saved at the same moment one after the other', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const results = await Promise.all([
      admin.inject('POST', '/api/billing/rule-sets', body(orgId, { note: 'First' })),
      admin.inject('POST', '/api/billing/rule-sets', body(orgId, { note: 'Second' })),
    ]);
    const ok = results.filter((r) => r.statusCode === 201).map((r) => r.json<FeeRuleSet>().version);
    const conflicts = results.filter((r) => r.statusCode === 409);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + conflicts.length).toBe(2);
    for (const c of conflicts) expect(c.json<Problem>().code).toBe('rule_set_version_conflict');
    expect(new Set(ok).size).toBe(ok.length);
    const stored = await versions(orgId);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored).toEqual([1, ...ok.sort()]);
  });

  it('audits every change with who made it', async () => {
    const orgId = await createOrganization(ctx.database);
    const res = await admin.inject('POST', '/api/billing/rule-sets', body(orgId));
    expect(res.statusCode).toBe(201);
    const created = res.json<FeeRuleSet>();
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'actor_role', 'entity_type', 'outcome', 'detail'])
      .where('action', '=', 'billing.rules.change')
      .where('entity_id', '=', created.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_user_id: adminUser.id,
      actor_role: 'admin',
      entity_type: 'FeeRuleSet',
      outcome: 'allowed',
      detail: { organizationId: orgId, version: 1, scheduled: true },
    });
  });
});
