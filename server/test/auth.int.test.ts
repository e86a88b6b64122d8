import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, cookieFrom, createTestContext, createUser, PASSWORD, signIn, type TestContext } from './context.js';
import { createClinician } from './scheduling-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

async function auditFor(userId: string, action: string) {
  return ctx.database.db
    .selectFrom('audit_events')
    .select(['outcome', 'detail', 'ip'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('sign-in', () => {
  it('starts a server-side session with an HttpOnly SameSite cookie and returns who signed in', async () => {
    const user = await createUser(ctx, 'patient');
    const res = await login(user.email.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: user.id, role: 'patient', patientId: user.patientId });
    expect(body.idleTimeoutSeconds).toBe(900);
    const cookie = res.cookies.find((c) => c.name === 'portico_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain http in tests; https public URL turns Secure on
    const session = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: cookieFrom(res) },
    });
    expect(session.json().session.user.id).toBe(user.id);
    expect(await auditFor(user.id, 'auth.login')).toEqual([expect.objectContaining({ outcome: 'allowed' })]);
  });

  it('answers a wrong password and an unknown email the same way, and audits both as denied', async () => {
    const user = await createUser(ctx, 'patient');
    const wrong = await login(user.email, 'not-the-password');
    const unknown = await login('nobody-here@test.example', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.cookies.find((c) => c.name === 'portico_session')).toBeUndefined();
    expect(await auditFor(user.id, 'auth.login')).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it('refuses an unverified self-signed-up account with a clear next step', async () => {
    const user = await createUser(ctx, 'patient', { verified: false });
    const res = await login(user.email, PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('email_not_verified');
  });
});

describe('sessions', () => {
  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    expect((await agent.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
    expect((await agent.inject('POST', '/api/auth/logout')).statusCode).toBe(204);
    const after = await agent.inject('GET', `/api/patients/${user.patientId}`);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });

  it('ends an idle session and says so', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    await ctx.database.db
      .updateTable('sessions')
      .set({ idle_expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    // The row was moved in time behind the app's back: tell it, as the app's own writers do (its session cache).
    await ctx.services.sessions.forget({ userId: user.id });
    const res = await agent.inject('GET', `/api/patients/${user.patientId}`);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'session_expired' });
    const ended = await ctx.database.db
      .selectFrom('sessions')
      .select('end_reason')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe('idle_timeout');
  });

  it('ends a session at its absolute lifetime even while active', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    await ctx.database.db
      .updateTable('sessions')
      .set({ absolute_expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    // The row was moved in time behind the app's back: tell it, as the app's own writers do (its session cache).
    await ctx.services.sessions.forget({ userId: user.id });
    expect((await agent.inject('GET', `/api/patients/${user.patientId}`)).json().code).toBe('session_expired');
  });

  it('"stay signed in" extends the idle timer, but polling the session state does not', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const soon = new Date(Date.now() + 60_000);
    await ctx.database.db
      .updateTable('sessions')
      .set({ idle_expires_at: soon, last_seen_at: new Date(Date.now() - 600_000) })
      .where('user_id', '=', user.id)
      .execute();
    // The row was moved in time behind the app's back: tell it, as the app's own writers do (its session cache).
    await ctx.services.sessions.forget({ userId: user.id });
    const polled = (await agent.inject('GET', '/api/auth/session')).json().session;
    expect(new Date(polled.idleExpiresAt).getTime()).toBe(soon.getTime());
    const refreshed = (await agent.inject('POST', '/api/auth/session/refresh')).json();
    expect(new Date(refreshed.idleExpiresAt).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('a password change ends every other session of the account but keeps this one', async () => {
    const user = await createUser(ctx, 'patient');
    const phone = await signIn(ctx.app, user.email);
    const laptop = await signIn(ctx.app, user.email);
    const res = await laptop.inject('POST', '/api/auth/password/change', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(204);
    expect((await phone.inject('GET', `/api/patients/${user.patientId}`)).json().code).toBe('session_expired');
    expect((await laptop.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
    expect((await login(user.email, 'a brand new passphrase')).statusCode).toBe(200);
    expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
  });

  it('a password change with the wrong current password changes nothing', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const res = await agent.inject('POST', '/api/auth/password/change', {
      currentPassword: 'wrong-current',
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('names the directory clinician record linked to the account, and null for everyone else', async () => {
    const linked = await createUser(ctx, 'clinician');
    const unlinked = await createUser(ctx, 'clinician');
    const staff = await createUser(ctx, 'staff');
    const clinician = await createClinician(ctx);
    await ctx.database.db
      .updateTable('clinicians')
      .set({ user_id: linked.id })
      .where('id', '=', clinician.id)
      .execute();

    const res = await login(linked.email, PASSWORD);
    expect(res.json().user).toMatchObject({ id: linked.id, role: 'clinician', clinicianId: clinician.id });
    const agent = await signIn(ctx.app, linked.email);
    const state = (await agent.inject('GET', '/api/auth/session')).json();
    expect(state.session.user.clinicianId).toBe(clinician.id);
    expect((await agent.inject('POST', '/api/auth/session/refresh')).json().user.clinicianId).toBe(clinician.id);

    for (const other of [unlinked, staff]) {
      const body = (await login(other.email, PASSWORD)).json();
      expect(body.user).toHaveProperty('clinicianId', null);
    }
  });

  it('a forged cookie is treated as signed out', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'portico_session=forged-value-123' },
    });
    expect(res.json()).toEqual({ session: null });
    const user = await createUser(ctx, 'patient');
    const read = await ctx.app.inject({
      method: 'GET',
      url: `/api/patients/${user.patientId}`,
      headers: { cookie: 'portico_session=forged-value-123' },
    });
    expect(read.statusCode).toBe(401);
    expect(read.json().code).toBe('unauthenticated');
  });
});

describe('CSRF protection', () => {
  it('rejects a state-changing request with a session but without its CSRF token, and changes nothing', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const noToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: { cookie: agent.cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'attacker chosen passphrase' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const wrongToken = await agentFor(ctx.app, agent.cookie, 'x'.repeat(32)).inject('POST', '/api/auth/logout');
    expect(wrongToken.json().code).toBe('csrf_failed');
    expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    expect((await agent.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
  });

  it('rejects sign-in posted from another website', async () => {
    const user = await createUser(ctx, 'patient');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: user.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });
});
