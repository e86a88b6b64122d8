import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createTestContext,
  createUser,
  linkToken,
  signIn,
  uniq,
  type TestContext,
} from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('workforce accounts and the outbox', () => {
  it('an admin creates a clinician who sets a password from the emailed link and signs in', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const email = `${uniq('dr')}@test.example`;
    const res = await admin.inject('POST', '/api/admin/users', {
      email,
      role: 'clinician',
      givenName: 'Amara',
      familyName: 'Okafor',
      organizationId: ctx.orgId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'clinician', emailVerified: false });
    const list = (await admin.inject('GET', '/api/admin/outbox')).json();
    const summary = list.messages.find((m: { to: string }) => m.to === email);
    expect(summary).toMatchObject({ subject: 'Your Portico account is ready', status: 'kept' });
    const full = (await admin.inject('GET', `/api/admin/outbox/${summary.id}`)).json();
    const done = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token: linkToken(full.text), password: 'stethoscope river calm' },
    });
    expect(done.statusCode).toBe(204);
    const signedIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'stethoscope river calm' },
    });
    expect(signedIn.json().user).toMatchObject({ role: 'clinician', organizationId: ctx.orgId });
  });

  it('a duplicate email is refused on the email field', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const existing = await createUser(ctx, 'staff');
    const res = await admin.inject('POST', '/api/admin/users', {
      email: existing.email,
      role: 'staff',
      givenName: 'A',
      familyName: 'B',
      organizationId: ctx.orgId,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
  });

  it('staff may add clinicians to their own organization, but not admins or other organizations', async () => {
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const ok = await staff.inject('POST', '/api/admin/users', {
      email: `${uniq('c')}@test.example`,
      role: 'clinician',
      givenName: 'A',
      familyName: 'B',
      organizationId: ctx.orgId,
    });
    expect(ok.statusCode).toBe(201);
    const admin = await staff.inject('POST', '/api/admin/users', {
      email: `${uniq('a')}@test.example`,
      role: 'admin',
      givenName: 'A',
      familyName: 'B',
      organizationId: ctx.orgId,
    });
    expect(admin.statusCode).toBe(403);
    const other = await staff.inject('POST', '/api/admin/users', {
      email: `${uniq('o')}@test.example`,
      role: 'clinician',
      givenName: 'A',
      familyName: 'B',
      organizationId: await createOrganization(ctx.database),
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toEqual([{ field: 'organizationId', message: expect.any(String) }]);
  });

  it('patients and clinicians cannot manage users or read the outbox', async () => {
    for (const role of ['patient', 'clinician'] as const) {
      const agent = await signIn(ctx.app, (await createUser(ctx, role)).email);
      expect((await agent.inject('GET', '/api/admin/users')).statusCode).toBe(403);
      expect((await agent.inject('GET', '/api/admin/outbox')).statusCode).toBe(403);
    }
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    expect((await staff.inject('GET', '/api/admin/outbox')).statusCode).toBe(403);
  });

  it('user search filters by role and text', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const staff = await createUser(ctx, 'staff');
    const found = (
      await admin.inject('GET', `/api/admin/users?role=staff&q=${encodeURIComponent(staff.email.slice(0, 14))}`)
    ).json();
    expect(found.users.map((u: { id: string }) => u.id)).toEqual([staff.id]);
  });
});
