import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentFor,
  cookieFrom,
  createTestContext,
  createUser,
  PASSWORD,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';
import { OAuthBrowser, registerApp, startAuthorization } from './smart-helpers.js';
import { SoftAuthenticator } from './webauthn-authenticator.js';

// Issue 13: passkeys (WebAuthn) to sign in, as the second step and for step-up; step-up before
// sharing a record and approving an app. Answers come from a software authenticator with real keys.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const origin = () => ctx.config.publicUrl;
type Options = Record<string, unknown>;
const optionsOf = (res: LightMyRequestResponse): Options => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ options: Options }>().options;
};

async function withPasskey(): Promise<{
  user: TestUser;
  agent: Agent;
  key: SoftAuthenticator;
  recoveryCodes: string[];
}> {
  const user = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, user.email);
  const key = new SoftAuthenticator(origin());
  const options = optionsOf(await agent.inject('POST', '/api/auth/passkeys/register/options'));
  expect(options['rp']).toEqual({ name: 'Portico', id: 'localhost' });
  const created = await agent.inject('POST', '/api/auth/passkeys', {
    name: 'My phone',
    credential: key.create(options),
  });
  expect(created.statusCode, created.body).toBe(201);
  return { user, agent, key, recoveryCodes: created.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

const signInOptions = async () =>
  optionsOf(await ctx.app.inject({ method: 'POST', url: '/api/auth/passkeys/sign-in/options' }));
const passkeySignIn = (credential: unknown) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/passkeys/sign-in', payload: { credential } });

async function auditRows(userId: string, action: string) {
  return ctx.database.db
    .selectFrom('audit_events')
    .select(['outcome', 'detail', 'entity_type'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', action)
    .execute();
}

async function staleStepUp(userId: string): Promise<void> {
  await ctx.database.db
    .updateTable('sessions')
    .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
    .where('user_id', '=', userId)
    .execute();
}

describe('setting up a passkey', () => {
  it('keeps the public key, lists and renames it, gives recovery codes, audits it', async () => {
    const { user, agent, recoveryCodes } = await withPasskey();
    expect(recoveryCodes).toHaveLength(10);
    const list = await agent.inject('GET', '/api/auth/passkeys');
    const [passkey] = list.json<{ passkeys: { id: string; name: string }[] }>().passkeys;
    expect(passkey?.name).toBe('My phone');
    const renamed = await agent.inject('PATCH', `/api/auth/passkeys/${passkey?.id}`, { name: 'Work laptop' });
    expect(renamed.json()).toMatchObject({ name: 'Work laptop' });
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ passkeys: 1, recoveryCodesLeft: 10 });
    expect(await auditRows(user.id, 'auth.passkey.register')).toEqual([
      expect.objectContaining({ outcome: 'allowed', entity_type: 'WebAuthnCredential' }),
    ]);
    expect(await auditRows(user.id, 'auth.passkey.rename')).toHaveLength(1);
  });

  it('refuses a stale session with step_up_required, at the options and at the registration itself', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const key = new SoftAuthenticator(origin());
    await staleStepUp(user.id);
    const early = await agent.inject('POST', '/api/auth/passkeys/register/options');
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'step_up_required' });

    // Options asked for in time; the session goes stale before the answer comes back.
    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    const options = optionsOf(await agent.inject('POST', '/api/auth/passkeys/register/options'));
    await staleStepUp(user.id);
    const late = await agent.inject('POST', '/api/auth/passkeys', { name: 'Late', credential: key.create(options) });
    expect(late.statusCode).toBe(403);
    expect(late.json()).toMatchObject({ code: 'step_up_required' });
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ passkeys: 0 });
  });

  it('refuses an answer for another origin', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const options = optionsOf(await agent.inject('POST', '/api/auth/passkeys/register/options'));
    const phishing = new SoftAuthenticator('https://portico.evil.example', 'localhost');
    const res = await agent.inject('POST', '/api/auth/passkeys', { name: 'x', credential: phishing.create(options) });
    expect(res.json()).toMatchObject({ code: 'passkey_invalid' });
  });
});

describe('signing in with a passkey alone', () => {
  it('starts a session with no email typed; the same answer (its challenge spent) is refused again', async () => {
    const { user, key } = await withPasskey();
    const answer = key.get(await signInOptions());
    const ok = await passkeySignIn(answer);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ user: { id: user.id } });
    const me = agentFor(ctx.app, cookieFrom(ok), ok.json<{ csrfToken: string }>().csrfToken);
    expect((await me.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
    expect(await auditRows(user.id, 'auth.passkey.sign_in')).toEqual([expect.objectContaining({ outcome: 'allowed' })]);

    const replay = await passkeySignIn(answer);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'passkey_challenge_expired' });
  });

  it('refuses an expired challenge, and one never issued', async () => {
    const { key } = await withPasskey();
    const options = await signInOptions();
    await ctx.database.db
      .updateTable('webauthn_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('challenge', '=', String(options['challenge']))
      .execute();
    expect((await passkeySignIn(key.get(options))).json()).toMatchObject({ code: 'passkey_challenge_expired' });
    const forged = await passkeySignIn(key.get({ challenge: 'bm90LWlzc3VlZC1ieS10aGUtc2VydmVy' }));
    expect(forged.json()).toMatchObject({ code: 'passkey_challenge_expired' });
  });

  it('needs the authenticator to verify the person (PIN or biometric)', async () => {
    const { key } = await withPasskey();
    const res = await passkeySignIn(key.get(await signInOptions(), { uv: false }));
    expect(res.json()).toMatchObject({ code: 'passkey_invalid' });
  });

  it('refuses a signature counter that went back (a cloned key) and audits the suspicion', async () => {
    const { user, key } = await withPasskey();
    expect((await passkeySignIn(key.get(await signInOptions()))).statusCode).toBe(200);
    key.counter = 1;
    const clone = await passkeySignIn(key.get(await signInOptions()));
    expect(clone.json()).toMatchObject({ code: 'passkey_invalid' });
    expect(await auditRows(user.id, 'auth.passkey.sign_in')).toContainEqual(
      expect.objectContaining({ outcome: 'denied', detail: expect.objectContaining({ cloneSuspected: true }) }),
    );
  });
});

describe('a passkey as the second step after the password', () => {
  async function passwordStep(email: string): Promise<{ cookie: string; methods: string[] }> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    const pending = res.cookies.find((c) => c.name === 'portico_mfa_pending')?.value;
    if (!pending) throw new Error(`no pending step: ${res.body}`);
    return { cookie: `portico_mfa_pending=${pending}`, methods: res.json<{ methods: string[] }>().methods };
  }
  const secondStep = (cookie: string, url: string, payload?: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });

  it('the password alone is not enough; the passkey finishes it', async () => {
    const { user, key } = await withPasskey();
    const { cookie, methods } = await passwordStep(user.email);
    expect(methods).toEqual(['passkey', 'recovery']);
    const options = optionsOf(await secondStep(cookie, '/api/auth/passkeys/second-factor/options'));
    expect(options['allowCredentials']).toEqual([expect.objectContaining({ id: key.id })]);
    const ok = await secondStep(cookie, '/api/auth/passkeys/second-factor', { credential: key.get(options) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(cookieFrom(ok)).toMatch(/^portico_session=/);
  });

  it("refuses another account's passkey", async () => {
    const victim = await withPasskey();
    const other = await withPasskey();
    const { cookie } = await passwordStep(victim.user.email);
    const options = optionsOf(await secondStep(cookie, '/api/auth/passkeys/second-factor/options'));
    const res = await secondStep(cookie, '/api/auth/passkeys/second-factor', { credential: other.key.get(options) });
    expect(res.json()).toMatchObject({ code: 'passkey_invalid' });
    expect(await auditRows(victim.user.id, 'auth.passkey.second_factor')).toEqual([]);
    // Nor can the other account rename or remove it.
    const [theirs] = (await victim.agent.inject('GET', '/api/auth/passkeys')).json<{ passkeys: { id: string }[] }>()
      .passkeys;
    expect((await other.agent.inject('PATCH', `/api/auth/passkeys/${theirs?.id}`, { name: 'mine' })).statusCode).toBe(
      404,
    );
    expect((await other.agent.inject('DELETE', `/api/auth/passkeys/${theirs?.id}`)).statusCode).toBe(404);
  });
});

describe('removing a passkey', () => {
  it('needs step-up (here with the passkey itself); the last factor takes the recovery codes', async () => {
    const { user, agent, key } = await withPasskey();
    const [passkey] = (await agent.inject('GET', '/api/auth/passkeys')).json<{ passkeys: { id: string }[] }>().passkeys;
    await staleStepUp(user.id);
    const refused = await agent.inject('DELETE', `/api/auth/passkeys/${passkey?.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });

    const options = optionsOf(await agent.inject('POST', '/api/auth/passkeys/step-up/options'));
    const up = await agent.inject('POST', '/api/auth/passkeys/step-up', { credential: key.get(options) });
    expect(up.statusCode, up.body).toBe(200);
    expect((await agent.inject('DELETE', `/api/auth/passkeys/${passkey?.id}`)).statusCode).toBe(204);
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ passkeys: 0, recoveryCodesLeft: 0 });
    expect(await auditRows(user.id, 'auth.passkey.remove')).toEqual([expect.objectContaining({ outcome: 'allowed' })]);
    expect(await auditRows(user.id, 'auth.step_up')).toContainEqual(expect.objectContaining({ outcome: 'allowed' }));
  });
});

describe('recovery codes of an account whose only factor is a passkey', () => {
  it('gets ten new ones after step-up; the old ones stop working and the new ones sign in', async () => {
    const { user, agent, key, recoveryCodes: old } = await withPasskey();
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ totp: false, passkeys: 1 });
    await staleStepUp(user.id);
    const refused = await agent.inject('POST', '/api/auth/mfa/recovery-codes');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });

    const options = optionsOf(await agent.inject('POST', '/api/auth/passkeys/step-up/options'));
    expect(
      (await agent.inject('POST', '/api/auth/passkeys/step-up', { credential: key.get(options) })).statusCode,
    ).toBe(200);
    const fresh = await agent.inject('POST', '/api/auth/mfa/recovery-codes');
    expect(fresh.statusCode, fresh.body).toBe(200);
    const codes = fresh.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(codes.filter((c) => old.includes(c))).toEqual([]);
    expect((await agent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ recoveryCodesLeft: 10 });
    expect(await auditRows(user.id, 'auth.mfa.recovery.regenerate')).toEqual([
      expect.objectContaining({ outcome: 'allowed' }),
    ]);

    const secondStep = async (code: string) => {
      const login = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: PASSWORD },
      });
      const pending = login.cookies.find((c) => c.name === 'portico_mfa_pending')?.value;
      return ctx.app.inject({
        method: 'POST',
        url: '/api/auth/mfa/verify',
        headers: { cookie: `portico_mfa_pending=${pending}` },
        payload: { method: 'recovery', code },
      });
    };
    expect((await secondStep(old[0]!)).json()).toMatchObject({ code: 'mfa_code_invalid' });
    expect((await secondStep(codes[0]!)).statusCode).toBe(200);
  });
});

describe('step-up before sharing a record and approving an app', () => {
  const share = (agent: Agent, email: string) =>
    agent.inject('POST', '/api/proxies', { email, relationship: 'spouse', access: 'full' });

  it('every account confirms it is them before sharing: one without a factor with its password', async () => {
    const proxy = await createUser(ctx, 'patient');
    const plain = await createUser(ctx, 'patient');
    const plainAgent = await signIn(ctx.app, plain.email);
    expect((await plainAgent.inject('GET', '/api/auth/mfa')).json()).toMatchObject({ totp: false, passkeys: 0 });
    await staleStepUp(plain.id);
    const plainRefused = await share(plainAgent, proxy.email);
    expect(plainRefused.statusCode).toBe(403);
    expect(plainRefused.json()).toMatchObject({ code: 'step_up_required' });
    expect((await plainAgent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    expect((await share(plainAgent, proxy.email)).statusCode).toBe(201);

    const { user, agent } = await withPasskey();
    await staleStepUp(user.id);
    const refused = await share(agent, proxy.email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    expect((await share(agent, proxy.email)).statusCode).toBe(201);
  });

  it('approving a SMART app needs step-up for an account without a factor as well', async () => {
    const { app } = await registerApp(ctx);
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const uid = await startAuthorization(new OAuthBrowser(ctx.app, agent), {
      clientId: app.clientId,
      scope: 'openid fhirUser launch/patient patient/*.rs',
    });
    await staleStepUp(user.id);
    const approve = () => agent.inject('POST', `/api/smart/interactions/${uid}/approve`, { patientId: user.patientId });
    const refused = await approve();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    expect((await approve()).statusCode).toBe(200);
  });

  it('approving a SMART app needs step-up too, when the account has a factor', async () => {
    const { app } = await registerApp(ctx);
    const { user, agent } = await withPasskey();
    const uid = await startAuthorization(new OAuthBrowser(ctx.app, agent), {
      clientId: app.clientId,
      scope: 'openid fhirUser launch/patient patient/*.rs',
    });
    await staleStepUp(user.id);
    const approve = () => agent.inject('POST', `/api/smart/interactions/${uid}/approve`, { patientId: user.patientId });
    const refused = await approve();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    expect((await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD })).statusCode).toBe(200);
    expect((await approve()).statusCode).toBe(200);
  });
});
