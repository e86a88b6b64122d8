import { generate } from 'otplib';
import type { MfaPolicy } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../src/modules/audit/service.js';
import {
  createOrganization,
  createUser,
  createTestContext,
  PASSWORD,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';

// Issue 13: an organization's administrators see and set which roles must use a second factor.
let ctx: TestContext;
let orgId: string;
let admin: TestUser;
let adminAgent: Agent;

/** Sets up the authenticator app for a signed-in account (the policy holds the workforce back until then). */
async function enrollApp(agent: Agent): Promise<void> {
  const start = await agent.inject('POST', '/api/auth/mfa/totp/start');
  expect(start.statusCode, start.body).toBe(200);
  const { secret } = start.json<{ secret: string }>();
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  const confirm = await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code });
  expect(confirm.statusCode, confirm.body).toBe(200);
}

async function enrolledAdmin(org: string): Promise<{ user: TestUser; agent: Agent }> {
  const user = await createUser(ctx, 'admin', { orgId: org });
  const agent = await signIn(ctx.app, user.email);
  await enrollApp(agent);
  return { user, agent };
}

const policyUrl = (id: string) => `/api/admin/organizations/${id}/mfa-policy`;

async function storedRoles(id: string): Promise<string[] | null> {
  const row = await ctx.database.db
    .selectFrom('organizations')
    .select('mfa_required_roles')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.mfa_required_roles;
}

async function staleStepUp(userId: string): Promise<void> {
  await ctx.database.db
    .updateTable('sessions')
    .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
    .where('user_id', '=', userId)
    .execute();
}

beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_MFA_REQUIRED_ROLES: 'clinician,staff,admin' });
  // An organization of this file's own, so the counts below are this file's people only.
  orgId = await createOrganization(ctx.database);
  ({ user: admin, agent: adminAgent } = await enrolledAdmin(orgId));
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

describe('reading the policy', () => {
  it('shows the roles that must enrol and who has not, by name for the workforce only', async () => {
    const staffOn = await createUser(ctx, 'staff', { orgId });
    await enrollApp(await signIn(ctx.app, staffOn.email));
    const staffOff = await createUser(ctx, 'staff', { orgId });
    const clinician = await createUser(ctx, 'clinician', { orgId });
    await createUser(ctx, 'patient', { orgId });
    const gone = await createUser(ctx, 'staff', { orgId });
    await ctx.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', gone.id).execute();
    // Someone of another organization is not counted here.
    await createUser(ctx, 'staff');

    const list = await adminAgent.inject('GET', '/api/admin/mfa-policy');
    expect(list.statusCode, list.body).toBe(200);
    const { organizations } = list.json<{ organizations: MfaPolicy[] }>();
    expect(organizations.map((o) => o.organizationId)).toEqual([orgId]);
    const policy = organizations[0]!;
    expect(policy).toMatchObject({
      requiredRoles: ['clinician', 'staff', 'admin'],
      usesServerDefault: true,
      serverDefaultRoles: ['clinician', 'staff', 'admin'],
    });
    const byRole = Object.fromEntries(policy.roles.map((r) => [r.role, r]));
    expect(byRole['staff']).toMatchObject({ people: 2, notEnrolled: 1 });
    expect(byRole['staff']!.notEnrolledPeople.map((p) => p.id)).toEqual([staffOff.id]);
    expect(byRole['staff']!.notEnrolledPeople[0]).toMatchObject({ displayName: 'Test staff', email: staffOff.email });
    expect(byRole['clinician']).toMatchObject({ people: 1, notEnrolled: 1 });
    expect(byRole['clinician']!.notEnrolledPeople.map((p) => p.id)).toEqual([clinician.id]);
    expect(byRole['admin']).toMatchObject({ people: 1, notEnrolled: 0, notEnrolledPeople: [] });
    // Patients are counted, never listed by name here.
    expect(byRole['patient']).toMatchObject({ people: 1, notEnrolled: 1, notEnrolledPeople: [] });

    const one = await adminAgent.inject('GET', policyUrl(orgId));
    expect(one.statusCode).toBe(200);
    expect(one.json<MfaPolicy>().roles).toEqual(policy.roles);
  });

  it("another organization's policy is a 404, the same as one that does not exist; staff may not look", async () => {
    const other = await createOrganization(ctx.database);
    const theirs = await adminAgent.inject('GET', policyUrl(other));
    const nowhere = await adminAgent.inject('GET', policyUrl('7d3c1a52-0000-4000-8000-000000000000'));
    expect(theirs.statusCode).toBe(404);
    expect(nowhere.statusCode).toBe(404);
    expect(theirs.json<{ code: string }>().code).toBe(nowhere.json<{ code: string }>().code);
    const put = await adminAgent.inject('PUT', policyUrl(other), { requiredRoles: [] });
    expect(put.statusCode).toBe(404);
    expect(await storedRoles(other)).toBeNull();
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('actor_user_id', '=', admin.id)
      .where('action', '=', 'admin.mfa_policy.read')
      .where('entity_id', '=', other)
      .execute();
    expect(denied.map((d) => d.outcome)).toEqual(['denied', 'denied']);

    const staff = await createUser(ctx, 'staff', { orgId });
    const staffAgent = await signIn(ctx.app, staff.email);
    await enrollApp(staffAgent);
    expect((await staffAgent.inject('GET', policyUrl(orgId))).statusCode).toBe(403);
    expect((await staffAgent.inject('PUT', policyUrl(orgId), { requiredRoles: [] })).statusCode).toBe(403);
  });
});

describe('changing the policy', () => {
  it('needs a fresh step-up; the change and its audit row land together', async () => {
    const { user, agent } = await enrolledAdmin(orgId);
    await staleStepUp(user.id);
    const refused = await agent.inject('PUT', policyUrl(orgId), {
      requiredRoles: ['clinician', 'staff', 'admin', 'proxy'],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect(await storedRoles(orgId)).toBeNull();

    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    const ok = await agent.inject('PUT', policyUrl(orgId), { requiredRoles: ['proxy', 'admin', 'staff', 'clinician'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<MfaPolicy>()).toMatchObject({
      requiredRoles: ['proxy', 'clinician', 'staff', 'admin'],
      usesServerDefault: false,
    });
    expect(await storedRoles(orgId)).toEqual(['proxy', 'clinician', 'staff', 'admin']);
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'detail', 'entity_type', 'organization_id'])
      .where('actor_user_id', '=', user.id)
      .where('action', '=', 'admin.mfa_policy.update')
      .execute();
    expect(rows).toEqual([
      {
        outcome: 'allowed',
        entity_type: 'Organization',
        organization_id: orgId,
        detail: { before: 'clinician,staff,admin', after: 'proxy,clinician,staff,admin', wasServerDefault: true },
      },
    ]);
  });

  it('taking the requirement away from administrators needs plain confirmation', async () => {
    await setPolicy(['clinician', 'staff', 'admin']);
    const unconfirmed = await adminAgent.inject('PUT', policyUrl(orgId), { requiredRoles: ['clinician', 'staff'] });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json()).toMatchObject({ code: 'mfa_admin_requirement_unconfirmed' });
    expect(await storedRoles(orgId)).toEqual(['clinician', 'staff', 'admin']);

    const confirmed = await adminAgent.inject('PUT', policyUrl(orgId), {
      requiredRoles: ['clinician', 'staff'],
      confirmAdminWithoutSecondFactor: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await storedRoles(orgId)).toEqual(['clinician', 'staff']);
    // Already off for administrators: nothing to confirm.
    const again = await adminAgent.inject('PUT', policyUrl(orgId), { requiredRoles: ['clinician'] });
    expect(again.statusCode).toBe(200);
  });

  it('refuses bad input with problem codes and changes nothing', async () => {
    await setPolicy(['clinician', 'staff', 'admin']);
    const bad = [
      { requiredRoles: ['clinician', 'surgeon'] },
      { requiredRoles: ['staff', 'staff'] },
      { requiredRoles: { staff: true } },
      {},
      { requiredRoles: ['staff'], confirmAdminWithoutSecondFactor: true, extra: 1 },
    ];
    for (const body of bad) {
      const res = await adminAgent.inject('PUT', policyUrl(orgId), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    }
    const notAnId = await adminAgent.inject('PUT', '/api/admin/organizations/not-an-id/mfa-policy', {
      requiredRoles: [],
    });
    expect(notAnId.statusCode).toBe(400);
    expect(await storedRoles(orgId)).toEqual(['clinician', 'staff', 'admin']);
  });

  it.each(['after-insert', 'instead'] as const)(
    'a failure writing the audit row (%s) leaves the old policy and no row',
    async (when) => {
      await setPolicy(['clinician', 'staff', 'admin']);
      const audit = ctx.services.audit;
      const original = audit.record.bind(audit);
      vi.spyOn(audit, 'record').mockImplementation(async (caller, entry: AuditEntry, trx) => {
        if (entry.action !== 'admin.mfa_policy.update') return original(caller, entry, trx);
        if (when === 'after-insert') await original(caller, entry, trx);
        throw new Error(`injected: audit append failed (${when})`);
      });
      const res = await adminAgent.inject('PUT', policyUrl(orgId), {
        requiredRoles: ['clinician', 'staff', 'admin', 'patient'],
      });
      expect(res.statusCode).toBe(500);
      expect(await storedRoles(orgId)).toEqual(['clinician', 'staff', 'admin']);
      const rows = await ctx.database.db
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'admin.mfa_policy.update')
        .where('entity_id', '=', orgId)
        .execute();
      expect(rows.filter((r) => JSON.stringify(r.detail).includes('patient'))).toEqual([]);
    },
  );

  it('what people must do follows the saved policy at their next sign-in', async () => {
    const staff = await createUser(ctx, 'staff', { orgId });
    const patient = await createUser(ctx, 'patient', { orgId });
    await setPolicy(['clinician', 'admin']);
    const free = await signIn(ctx.app, staff.email);
    expect((await free.inject('GET', `/api/patients/${patient.patientId}`)).statusCode).toBe(200);

    await setPolicy(['clinician', 'staff', 'admin', 'patient']);
    const held = await signIn(ctx.app, staff.email);
    const refused = await held.inject('GET', `/api/patients/${patient.patientId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'mfa_enrollment_required' });
    const patientSession = await signIn(ctx.app, patient.email);
    expect((await patientSession.inject('GET', '/api/auth/session')).json()).toMatchObject({
      session: { mfaEnrollmentRequired: true },
    });
  });
});

async function setPolicy(roles: string[]): Promise<void> {
  const res = await adminAgent.inject('PUT', policyUrl(orgId), {
    requiredRoles: roles,
    confirmAdminWithoutSecondFactor: true,
  });
  expect(res.statusCode, res.body).toBe(200);
}
