import { generate } from 'otplib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentFor,
  cookieFrom,
  createPatient,
  createTestContext,
  createUser,
  outboxFor,
  PASSWORD,
  runJobs,
  signIn,
  type Agent,
  type TestContext,
} from './context.js';

// Issue 13, item 1: second factor (TOTP, recovery codes), policy, factor lock, trusted devices, step-up.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_MFA_REQUIRED_ROLES: 'clinician,staff,admin' });
});
afterAll(async () => ctx?.close());

const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

function cookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  return res.cookies.find((c) => c.name === name)?.value;
}

/** Sets up the authenticator app for a signed-in account; returns its secret and recovery codes. */
async function enroll(agent: Agent): Promise<{ secret: string; recoveryCodes: string[]; firstCode: string }> {
  const start = await agent.inject('POST', '/api/auth/mfa/totp/start');
  expect(start.statusCode).toBe(200);
  const { secret, qrCode, otpauthUri } = start.json<{ secret: string; qrCode: string; otpauthUri: string }>();
  expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(otpauthUri).toContain(`secret=${secret}`);
  const firstCode = await codeAt(secret);
  const confirm = await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code: firstCode });
  expect(confirm.statusCode).toBe(200);
  return { secret, firstCode, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** Password step: returns the pending cookie (and asserts no session came with it). */
async function passwordStep(
  email: string,
  extraCookie = '',
  password = PASSWORD,
): Promise<{ pending: string; body: unknown }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(extraCookie ? { headers: { cookie: extraCookie } } : {}),
  });
  expect(res.statusCode).toBe(200);
  expect(cookieValue(res, 'portico_session')).toBeUndefined();
  const pending = cookieValue(res, 'portico_mfa_pending');
  if (!pending) throw new Error(`no pending cookie: ${res.body}`);
  return { pending: `portico_mfa_pending=${pending}`, body: res.json() };
}

function verify(pendingCookie: string, body: Record<string, unknown>) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/mfa/verify',
    payload: body,
    headers: { cookie: pendingCookie },
  });
}

async function enrolledPatient() {
  const user = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, user.email);
  return { user, agent, ...(await enroll(agent)) };
}

describe('policy: a second factor for the workforce', () => {
  it('an unenrolled clinician gets no patient data (403 mfa_enrollment_required) until they set one up', async () => {
    const clinician = await createUser(ctx, 'clinician');
    const patientId = await createPatient(ctx);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: clinician.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mfaEnrollmentRequired: true });
    const agent = agentFor(ctx.app, cookieFrom(login), login.json<{ csrfToken: string }>().csrfToken);
    const refused = await agent.inject('GET', `/api/patients/${patientId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'mfa_enrollment_required' });
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ totp: false, required: true });

    await enroll(agent);
    const after = await agent.inject('GET', `/api/patients/${patientId}`);
    expect(after.statusCode).toBe(200);
    expect((await agent.inject('GET', '/api/auth/session')).json()).toMatchObject({
      session: { mfaEnrollmentRequired: false },
    });
  });

  it('patients are offered it, not made to; an organization can set its own list', async () => {
    const patient = await createUser(ctx, 'patient');
    const p = await signIn(ctx.app, patient.email);
    expect((await p.inject('GET', `/api/patients/${patient.patientId}`)).statusCode).toBe(200);

    await ctx.database.db
      .updateTable('organizations')
      .set({ mfa_required_roles: ['admin'] })
      .where('id', '=', ctx.orgId)
      .execute();
    try {
      const staff = await createUser(ctx, 'staff');
      const s = await signIn(ctx.app, staff.email);
      expect((await s.inject('GET', `/api/patients/${patient.patientId}`)).statusCode).toBe(200);
    } finally {
      await ctx.database.db
        .updateTable('organizations')
        .set({ mfa_required_roles: null })
        .where('id', '=', ctx.orgId)
        .execute();
    }
  });
});

describe('enrollment', () => {
  it('refuses a wrong first code and keeps the secret out of every later answer', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const start = await agent.inject('POST', '/api/auth/mfa/totp/start');
    const { secret } = start.json<{ secret: string }>();
    const wrong = await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'mfa_code_invalid' });
    const ok = await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code: await codeAt(secret) });
    const codes = ok.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(codes).toHaveLength(10);
    const status = await agent.inject('GET', '/api/auth/mfa');
    expect(status.json()).toEqual({ totp: true, recoveryCodesLeft: 10, passkeys: 0, required: false });
    expect(status.body).not.toContain(secret);
    // Stored sealed, and the recovery codes only as hashes.
    const row = await ctx.database.db
      .selectFrom('mfa_totp')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret);
    const hashes = await ctx.database.db
      .selectFrom('mfa_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(hashes.map((h) => h.code_hash)).not.toContain(codes[0]);
    // A second app cannot quietly replace the first.
    expect((await agent.inject('POST', '/api/auth/mfa/totp/start')).statusCode).toBe(409);
  });
});

describe('sign-in with a second factor', () => {
  it('password alone opens nothing; the app code finishes it; the same code is refused again', async () => {
    const { user, secret, firstCode } = await enrolledPatient();
    const { pending, body } = await passwordStep(user.email);
    expect(body).toEqual({ mfaRequired: true, methods: ['totp', 'recovery'], expiresInSeconds: 300 });
    // The pending cookie is no session.
    const sneak = await ctx.app.inject({
      method: 'GET',
      url: `/api/patients/${user.patientId}`,
      headers: { cookie: pending },
    });
    expect(sneak.statusCode).toBe(401);
    // The enrollment used this step's code: it does not work a second time.
    const replay = await verify(pending, { method: 'totp', code: firstCode });
    expect(replay.json()).toMatchObject({ code: 'mfa_code_invalid' });
    const ok = await verify(pending, { method: 'totp', code: await codeAt(secret, 30) });
    expect(ok.statusCode).toBe(200);
    const agent = agentFor(ctx.app, cookieFrom(ok), ok.json<{ csrfToken: string }>().csrfToken);
    expect((await agent.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
    // The pending step is spent.
    const again = await verify(pending, { method: 'totp', code: await codeAt(secret, 30) });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'mfa_sign_in_expired' });
  });

  it('a recovery code works once', async () => {
    const { user, recoveryCodes } = await enrolledPatient();
    const code = recoveryCodes[3] ?? '';
    const first = await passwordStep(user.email);
    expect((await verify(first.pending, { method: 'recovery', code: code.toLowerCase() })).statusCode).toBe(200);
    const second = await passwordStep(user.email);
    const reused = await verify(second.pending, { method: 'recovery', code });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ code: 'mfa_code_invalid' });
  });

  it('wrong codes lock the app factor (not the account) and the owner is emailed in their language', async () => {
    const { user, secret, recoveryCodes } = await enrolledPatient();
    await ctx.database.db
      .updateTable('patients')
      .set({ preferred_language: 'es' })
      .where('user_id', '=', user.id)
      .execute();
    const { pending } = await passwordStep(user.email);
    const answers: number[] = [];
    for (let i = 0; i < 5; i += 1) answers.push((await verify(pending, { method: 'totp', code: '123456' })).statusCode);
    expect(answers).toEqual([400, 400, 400, 400, 429]);
    const right = await verify(pending, { method: 'totp', code: await codeAt(secret, 30) });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'mfa_factor_locked' });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    const mail = await outboxFor(ctx, user.email);
    expect(mail.map((m) => m.subject)).toContain(
      'Varios códigos de inicio de sesión incorrectos en su cuenta de Portico',
    );
    // Another factor still gets the owner in.
    expect((await verify(pending, { method: 'recovery', code: recoveryCodes[0] ?? '' })).statusCode).toBe(200);
  });
});

describe('trust this device', () => {
  it('skips the second step on that device until the person signs out everywhere', async () => {
    const { user, secret } = await enrolledPatient();
    const { pending } = await passwordStep(user.email);
    const ok = await verify(pending, { method: 'totp', code: await codeAt(secret, 30), trustDevice: true });
    const trusted = cookieValue(ok, 'portico_trusted_device');
    expect(trusted).toBeTruthy();
    const device = `portico_trusted_device=${trusted}`;

    const direct = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
      headers: { cookie: device },
    });
    expect(direct.json()).toHaveProperty('csrfToken');
    // A tampered cookie is no trust.
    await passwordStep(user.email, `portico_trusted_device=${trusted?.slice(0, -2)}xx`);

    const agent = agentFor(ctx.app, cookieFrom(direct), direct.json<{ csrfToken: string }>().csrfToken);
    expect((await agent.inject('POST', '/api/auth/sessions/end-others')).statusCode).toBe(200);
    await passwordStep(user.email, device);
  });

  it('a changed factor revokes it too', async () => {
    const { user, secret, agent } = await enrolledPatient();
    const { pending } = await passwordStep(user.email);
    const ok = await verify(pending, { method: 'totp', code: await codeAt(secret, 30), trustDevice: true });
    const device = `portico_trusted_device=${cookieValue(ok, 'portico_trusted_device')}`;
    expect((await agent.inject('POST', '/api/auth/mfa/recovery-codes')).statusCode).toBe(200);
    await passwordStep(user.email, device);
  });

  it('a new password, changed or reset, revokes it too', async () => {
    const { user, secret, agent, recoveryCodes } = await enrolledPatient();
    const trustThisDevice = async (password: string, second: { method: string; code: string }) => {
      const { pending } = await passwordStep(user.email, '', password);
      const ok = await verify(pending, { ...second, trustDevice: true });
      expect(ok.statusCode, ok.body).toBe(200);
      return `portico_trusted_device=${cookieValue(ok, 'portico_trusted_device')}`;
    };
    const changed = 'Changed-passphrase-for-tests-81';
    const device = await trustThisDevice(PASSWORD, { method: 'totp', code: await codeAt(secret, 30) });
    const change = await agent.inject('POST', '/api/auth/password/change', {
      currentPassword: PASSWORD,
      newPassword: changed,
    });
    expect(change.statusCode, change.body).toBe(204);
    // The trusted device now gets the second step again.
    await passwordStep(user.email, device, changed);

    const again = await trustThisDevice(changed, { method: 'recovery', code: recoveryCodes[0] ?? '' });
    const ask = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: user.email },
    });
    expect(ask.statusCode).toBe(202);
    await runJobs(ctx); // the request's job mails the link
    const mail = (await outboxFor(ctx, user.email)).filter((m) => m.text.includes('/reset-password?token='));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail[mail.length - 1]?.text ?? '')?.[1];
    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, password: PASSWORD },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    await passwordStep(user.email, again);
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('actor_user_id', '=', user.id)
      .where('action', 'in', ['auth.password_change', 'auth.password_reset.complete'])
      .where('outcome', '=', 'allowed')
      .orderBy('seq')
      .execute();
    // Each sign-in above started a session: the change ended the one other, the reset both left.
    expect(rows).toEqual([
      { action: 'auth.password_change', detail: { otherSessionsEnded: 1, trustedDevicesRevoked: 1 } },
      { action: 'auth.password_reset.complete', detail: { sessionsEnded: 2, trustedDevicesRevoked: 1 } },
    ]);
  });
});

describe('step-up', () => {
  it('changing the password: with a second factor it needs a step-up too; without one the current password is enough', async () => {
    const stale = (userId: string) =>
      ctx.database.db
        .updateTable('sessions')
        .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
        .where('user_id', '=', userId)
        .execute();
    const change = (agent: Agent, newPassword: string) =>
      agent.inject('POST', '/api/auth/password/change', { currentPassword: PASSWORD, newPassword });
    const hashOf = async (userId: string) =>
      (
        await ctx.database.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow()
      ).password_hash;

    const { user, agent, secret } = await enrolledPatient();
    const before = await hashOf(user.id);
    await stale(user.id);
    const refused = await change(agent, 'Another-passphrase-for-tests-19');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect(await hashOf(user.id)).toBe(before);
    const up = await agent.inject('POST', '/api/auth/step-up', { code: await codeAt(secret, 30) });
    expect(up.statusCode, up.body).toBe(200);
    expect((await change(agent, 'Another-passphrase-for-tests-19')).statusCode).toBe(204);

    const plain = await createUser(ctx, 'patient');
    const plainAgent = await signIn(ctx.app, plain.email);
    await stale(plain.id);
    expect((await change(plainAgent, 'Another-passphrase-for-tests-20')).statusCode).toBe(204);
  });

  it('a sensitive change needs a re-authentication within the last minutes', async () => {
    const { agent, user } = await enrolledPatient();
    const session = await ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .updateTable('sessions')
      .set({ reauthenticated_at: new Date(Date.now() - 6 * 60_000) })
      .where('id', '=', session.id)
      .execute();
    const refused = await agent.inject('POST', '/api/auth/mfa/recovery-codes');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect((await agent.inject('POST', '/api/auth/step-up', { password: 'not-the-password' })).statusCode).toBe(400);
    expect((await agent.inject('POST', '/api/auth/mfa/recovery-codes')).statusCode).toBe(403);
    const ok = await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    const codes = await agent.inject('POST', '/api/auth/mfa/recovery-codes');
    expect(codes.statusCode).toBe(200);
    expect(codes.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);
  });

  it('setting up the app (start and confirm) and removing it each refuse a stale session with step_up_required', async () => {
    const stale = (userId: string) =>
      ctx.database.db
        .updateTable('sessions')
        .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
        .where('user_id', '=', userId)
        .execute();
    const expectStepUp = (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'step_up_required' });
    };
    const totpRow = (userId: string) =>
      ctx.database.db.selectFrom('mfa_totp').select('confirmed_at').where('user_id', '=', userId).executeTakeFirst();

    // Start: no secret is made.
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    await stale(user.id);
    expectStepUp(await agent.inject('POST', '/api/auth/mfa/totp/start'));
    expect(await totpRow(user.id)).toBeUndefined();

    // Confirm: a right code from a secret started in time still does not confirm it.
    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    const start = await agent.inject('POST', '/api/auth/mfa/totp/start');
    expect(start.statusCode).toBe(200);
    const { secret } = start.json<{ secret: string }>();
    await stale(user.id);
    expectStepUp(await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code: await codeAt(secret) }));
    expect((await totpRow(user.id))?.confirmed_at).toBeNull();
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ totp: false, recoveryCodesLeft: 0 });

    // Remove: the app stays.
    const enrolled = await enrolledPatient();
    await stale(enrolled.user.id);
    expectStepUp(await enrolled.agent.inject('DELETE', '/api/auth/mfa/totp'));
    expect((await enrolled.agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ totp: true });
  });
});
