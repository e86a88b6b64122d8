import type { InsurancePlan, SmartAppCreated } from '@portico/contracts';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditRows, failAudit } from './audit-tx-fixtures.js';
import { createTestContext, createUser, signIn, uniq, type Agent, type TestContext } from './context.js';
import { addPlan } from './profile-fixtures.js';
import { finish, OAuthBrowser, registerApp, startAuthorization } from './smart-helpers.js';

/**
 * Decision 0027 for new patient records, the insurance plan catalog and SMART apps and approvals:
 * each change commits with its audit row or not at all.
 */
let ctx: TestContext;
let staff: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

describe('records and catalogs commit with their audit row', () => {
  it('a new patient record: a failed audit append keeps no record; then it is created once, audited', async () => {
    const familyName = uniq('Auditfail');
    const body = { givenName: 'Ottilie', familyName, birthDate: '1951-02-03' };
    const records = () =>
      ctx.database.db.selectFrom('patients').select('id').where('family_name', '=', familyName).execute();

    failAudit(ctx, 'patient.create', 'instead');
    expect((await staff.inject('POST', '/api/patients', body)).statusCode).toBe(500);
    expect(await records()).toEqual([]);
    failAudit(ctx, 'patient.create', 'after-insert');
    expect((await staff.inject('POST', '/api/patients', body)).statusCode).toBe(500);
    expect(await records()).toEqual([]);
    vi.restoreAllMocks();

    const created = await staff.inject('POST', '/api/patients', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect(await records()).toEqual([{ id }]);
    expect(await auditRows(ctx, 'patient.create', { patientId: id })).toBe(1);
  });

  it('insurance plans: no plan added or changed without its audit row', async () => {
    const payerName = uniq('Payer');
    const plans = () =>
      ctx.database.db
        .selectFrom('insurance_plans')
        .select(['id', 'virtual_visit_copay_cents'])
        .where('payer_name', '=', payerName)
        .execute();
    const body = { payerName, planName: 'HMO 10', payerCategory: 'commercial', virtualVisitCost: 'copay' } as const;

    failAudit(ctx, 'insurance_plan.create', 'after-insert');
    const failed = await staff.inject('POST', '/api/insurance-plans', { ...body, virtualVisitCopayCents: 1000 });
    expect(failed.statusCode).toBe(500);
    expect(await plans()).toEqual([]);
    vi.restoreAllMocks();

    const plan: InsurancePlan = await addPlan(staff, { ...body, virtualVisitCopayCents: 1000 });
    expect(await auditRows(ctx, 'insurance_plan.create', { entityId: plan.id })).toBe(1);

    failAudit(ctx, 'insurance_plan.update', 'instead');
    const update = await staff.inject('PATCH', `/api/insurance-plans/${plan.id}`, { virtualVisitCopayCents: 4000 });
    expect(update.statusCode).toBe(500);
    expect(await plans()).toEqual([{ id: plan.id, virtual_visit_copay_cents: 1000 }]);
    vi.restoreAllMocks();
    const ok = await staff.inject('PATCH', `/api/insurance-plans/${plan.id}`, { virtualVisitCopayCents: 4000 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await plans()).toEqual([{ id: plan.id, virtual_visit_copay_cents: 4000 }]);
    expect(await auditRows(ctx, 'insurance_plan.update', { entityId: plan.id })).toBe(1);
  });
});

describe('SMART apps and approvals commit with their audit row', () => {
  it('registering an app: a crash after the audit row registers nothing', async () => {
    const name = uniq('Audit app');
    const body = { name, kind: 'public', redirectUris: ['https://app.example/cb'], scopes: ['patient/*.rs'] };
    const apps = () => ctx.database.db.selectFrom('smart_apps').select('id').where('name', '=', name).execute();

    failAudit(ctx, 'smart.app_registered', 'after-insert');
    expect((await admin.inject('POST', '/api/admin/smart-apps', body)).statusCode).toBe(500);
    expect(await apps()).toEqual([]);
    vi.restoreAllMocks();

    const created = await admin.inject('POST', '/api/admin/smart-apps', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<SmartAppCreated>().app.id;
    expect(await auditRows(ctx, 'smart.app_registered', { entityId: id })).toBe(1);
  });

  it('approving an app: a failed audit append keeps no approval; approving again works, audited once', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const browser = new OAuthBrowser(ctx.app, agent);
    const scope = 'openid fhirUser launch/patient patient/*.rs';
    const uid = await startAuthorization(browser, { clientId: app.clientId, scope });
    const approvals = () =>
      ctx.database.db.selectFrom('smart_grants').select('grant_id').where('user_id', '=', patient.id).execute();
    const approve = () =>
      agent.inject('POST', `/api/smart/interactions/${uid}/approve`, { patientId: patient.patientId });

    failAudit(ctx, 'smart.authorize', 'after-insert');
    expect((await approve()).statusCode).toBe(500);
    expect(await approvals()).toEqual([]);
    // The provider's own grant went too: no approval of this person is left anywhere.
    const providerGrants = await ctx.database.db
      .selectFrom('smart_oidc_store')
      .select('id')
      .where('model', '=', 'Grant')
      .where(sql<string>`payload->>'accountId'`, '=', patient.id)
      .execute();
    expect(providerGrants).toEqual([]);
    vi.restoreAllMocks();

    // The interaction was left unanswered, so the person can still approve.
    const approved = await approve();
    expect(approved.statusCode, approved.body).toBe(200);
    const back = await finish(browser, approved.json<{ redirectTo: string }>().redirectTo);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(await approvals()).toHaveLength(1);
    expect(await auditRows(ctx, 'smart.authorize', { entityId: app.id })).toBe(1);
  });
});
