import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyGrant, ProxyGrantList, RecordList } from '@portico/contracts';
import { createTestContext, createUser, PASSWORD, signIn, uniq, type Agent, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function proxyAccount(): Promise<{ email: string; id: string; patientId: string | null; agent: Agent }> {
  const u = await createUser(ctx, 'patient');
  return { email: u.email, id: u.id, patientId: u.patientId, agent: await signIn(ctx.app, u.email) };
}

async function bookedAppointmentCount(agent: Agent): Promise<number> {
  const res = await agent.inject('GET', '/api/appointments');
  if (res.statusCode !== 200) return -res.statusCode;
  const body = res.json<{ upcoming: unknown[]; past: unknown[] }>();
  return body.upcoming.length + body.past.length;
}

describe('proxy access', () => {
  it('lets a patient share their record, the proxy switch to it, and takes it away at once when revoked', async () => {
    const owner = await createUser(ctx, 'patient');
    const ownerAgent = await signIn(ctx.app, owner.email);
    const proxy = await proxyAccount();

    const granted = await ownerAgent.inject('POST', '/api/proxies', {
      email: proxy.email,
      relationship: 'spouse',
      access: 'full',
    });
    expect(granted.statusCode).toBe(201);
    const grant = granted.json<ProxyGrant>();
    expect(grant.effectiveAreas).toHaveLength(6);

    const records = (await proxy.agent.inject('GET', '/api/records')).json<RecordList>();
    expect(records.records.map((r) => [r.self, r.patientId])).toEqual([
      [true, proxy.patientId],
      [false, owner.patientId],
    ]);
    const open = await proxy.agent.inject('PUT', '/api/records/current', { patientId: owner.patientId });
    expect(open.statusCode).toBe(200);
    expect(open.json<RecordList>().current).toBe(owner.patientId);
    expect(await bookedAppointmentCount(proxy.agent)).toBe(0);

    // Every action is recorded as "proxy X for patient Y".
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'acting_for_patient_id', 'patient_id'])
      .where('action', '=', 'appointment.list')
      .where('actor_user_id', '=', proxy.id)
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ acting_for_patient_id: owner.patientId, patient_id: owner.patientId });

    const revoked = await ownerAgent.inject('DELETE', `/api/proxies/${grant.id}`);
    expect(revoked.statusCode).toBe(204);
    const after = (await proxy.agent.inject('GET', '/api/records')).json<RecordList>();
    expect(after.records.map((r) => r.patientId)).not.toContain(owner.patientId);
    expect(after.current).not.toBe(owner.patientId);
    const reopen = await proxy.agent.inject('PUT', '/api/records/current', { patientId: owner.patientId });
    expect(reopen.statusCode).toBe(404);
  });

  it('keeps a limited proxy to the parts they were given', async () => {
    const owner = await createUser(ctx, 'patient');
    const ownerAgent = await signIn(ctx.app, owner.email);
    const billingOnly = await proxyAccount();
    const res = await ownerAgent.inject('POST', '/api/proxies', {
      email: billingOnly.email,
      relationship: 'child',
      access: 'limited',
      areas: ['billing'],
    });
    expect(res.statusCode).toBe(201);
    await billingOnly.agent.inject('PUT', '/api/records/current', { patientId: owner.patientId });
    const appts = await billingOnly.agent.inject('GET', '/api/appointments');
    expect(appts.statusCode).toBe(403);
    expect(appts.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
  });

  it('refuses to share with unknown accounts, with staff, with oneself, twice, or with no areas', async () => {
    const owner = await createUser(ctx, 'patient');
    const ownerAgent = await signIn(ctx.app, owner.email);
    const nobody = await ownerAgent.inject('POST', '/api/proxies', {
      email: `${uniq('nobody')}@test.example`,
      relationship: 'spouse',
      access: 'full',
    });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json()).toMatchObject({ code: 'proxy_account_not_found', errors: [{ field: 'email' }] });
    const staff = await createUser(ctx, 'staff');
    expect(
      (await ownerAgent.inject('POST', '/api/proxies', { email: staff.email, relationship: 'other', access: 'full' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await ownerAgent.inject('POST', '/api/proxies', { email: owner.email, relationship: 'other', access: 'full' }))
        .statusCode,
    ).toBe(400);
    const proxy = await proxyAccount();
    const noAreas = await ownerAgent.inject('POST', '/api/proxies', {
      email: proxy.email,
      relationship: 'other',
      access: 'limited',
      areas: [],
    });
    expect(noAreas.statusCode).toBe(400);
    expect(noAreas.json()).toMatchObject({ errors: [{ field: 'areas' }] });
    expect(
      (await ownerAgent.inject('POST', '/api/proxies', { email: proxy.email, relationship: 'other', access: 'full' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await ownerAgent.inject('POST', '/api/proxies', { email: proxy.email, relationship: 'other', access: 'full' }))
        .statusCode,
    ).toBe(409);
    const count = await ctx.database.db
      .selectFrom('proxy_grants')
      .select('id')
      .where('patient_id', '=', owner.patientId)
      .execute();
    expect(count).toHaveLength(1);
  });

  it("applies the minor rules to a parent that staff recorded, and a teen's consent widens it", async () => {
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const teen = await createUser(ctx, 'patient');
    const thirteen = new Date();
    thirteen.setFullYear(thirteen.getFullYear() - 13);
    await ctx.database.db
      .updateTable('patients')
      .set({ birth_date: thirteen.toISOString().slice(0, 10) })
      .where('id', '=', teen.patientId)
      .execute();
    const parent = await proxyAccount();
    const res = await staff.inject('POST', `/api/patients/${teen.patientId}/proxies`, {
      email: parent.email,
      relationship: 'parent',
      access: 'full',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<ProxyGrant>().effectiveAreas).toEqual(['appointments', 'billing']);
    const teenAgent = await signIn(ctx.app, teen.email);
    const given = (await teenAgent.inject('GET', '/api/proxies')).json<ProxyGrantList>().given;
    expect(given).toHaveLength(1);
    const consent = await teenAgent.inject('POST', `/api/proxies/${given[0]?.id}/teen-consent`);
    expect(consent.json<ProxyGrant>().effectiveAreas).toHaveLength(6);
    // The parent cannot consent on the teen's behalf.
    expect((await parent.agent.inject('POST', `/api/proxies/${given[0]?.id}/teen-consent`)).statusCode).toBe(404);
  });

  it('staff recording a proxy confirm it is them first (step-up), like a patient sharing', async () => {
    const staffUser = await createUser(ctx, 'staff');
    const staff = await signIn(ctx.app, staffUser.email);
    const owner = await createUser(ctx, 'patient');
    const proxy = await proxyAccount();
    await ctx.database.db
      .updateTable('sessions')
      .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
      .where('user_id', '=', staffUser.id)
      .execute();
    const grant = () =>
      staff.inject('POST', `/api/patients/${owner.patientId}/proxies`, {
        email: proxy.email,
        relationship: 'spouse',
        access: 'full',
      });
    const refused = await grant();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    const grants = () =>
      ctx.database.db.selectFrom('proxy_grants').select('id').where('patient_id', '=', owner.patientId).execute();
    expect(await grants()).toEqual([]);
    const wrong = await staff.inject('POST', '/api/auth/step-up', { password: 'Not-the-password-1' });
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    expect((await grant()).statusCode).toBe(403);
    expect((await staff.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    const ok = await grant();
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await grants()).toHaveLength(1);
  });

  it("never opens someone else's record", async () => {
    const stranger = await proxyAccount();
    const other = await createUser(ctx, 'patient');
    const res = await stranger.agent.inject('PUT', '/api/records/current', { patientId: other.patientId });
    expect(res.statusCode).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'proxy.open_record')
      .where('actor_user_id', '=', stranger.id)
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');
  });
});
