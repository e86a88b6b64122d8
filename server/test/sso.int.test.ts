import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentFor,
  createTestContext,
  createUser,
  outboxFor,
  PASSWORD,
  runJobs,
  uniq,
  type TestContext,
} from './context.js';
import { IdpBrowser, startTestIdp, type IdpAccount, type TestIdp } from './oidc-idp.js';
import { SoftAuthenticator } from './webauthn-authenticator.js';
import { hashToken, randomToken } from '../src/lib/tokens.js';
import { IdentityRepository } from '../src/modules/identity/repository.js';

// Issue 13, item 7: clinicians, staff and admins sign in through the hospital's OpenID provider —
// a real one (oidc-provider on its own port), never a stub of Portico's code.
const PUBLIC = 'http://portico.test';
const REDIRECT = `${PUBLIC}/api/auth/sso/callback`;
let idp: TestIdp;
let ctx: TestContext;
let mappedSlug: string;
let mappedOrgId: string;

function ssoEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORTICO_PUBLIC_URL: PUBLIC,
    PORTICO_SSO_ISSUER: issuer,
    PORTICO_SSO_ALLOW_HTTP: 'true',
    PORTICO_SSO_CLIENT_ID: 'portico-test',
    PORTICO_SSO_CLIENT_SECRET: idp.clientSecret,
    PORTICO_SSO_NAME: 'Test Hospital',
    PORTICO_SSO_SCOPES: 'openid email profile groups organization',
    PORTICO_SSO_ROLE_MAP: 'doctors=clinician,front-desk=staff,it-admins=admin',
    PORTICO_SSO_REQUIRED_GROUP: 'portico-users',
    PORTICO_SSO_ORGANIZATION_MAP: `HGH=${mappedSlug}`,
    PORTICO_WORKFORCE_LOCAL_PASSWORDS: 'off',
    ...extra,
  };
}

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: REDIRECT, postLogoutRedirectUri: `${PUBLIC}/signin` });
  mappedSlug = uniq('sso-org');
  ctx = await createTestContext(ssoEnv(idp.issuer));
  const org = await ctx.database.db
    .insertInto('organizations')
    .values({
      slug: mappedSlug,
      name: 'Mapped Hospital',
      time_zone: 'America/New_York',
      tech_help_phone: '617-555-0100',
      tech_help_email: 'help@test.example',
      billing_phone: '617-555-0101',
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  mappedOrgId = org.id;
});
afterAll(async () => {
  await ctx?.close();
  await idp?.close();
});

function person(overrides: Partial<IdpAccount> = {}): IdpAccount {
  const sub = overrides.sub ?? randomUUID();
  const account: IdpAccount = {
    sub,
    email: `${uniq('dr')}@hospital.example`,
    email_verified: true,
    given_name: 'Ada',
    family_name: 'Lovelace',
    groups: ['portico-users', 'doctors'],
    organization: 'HGH',
    amr: ['pwd', 'mfa'],
    ...overrides,
  };
  idp.accounts.set(sub, account);
  return account;
}

function cookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  return res.cookies.find((c) => c.name === name)?.value;
}

interface SignInResult {
  /** Where Portico's callback sent the browser. */
  location: string;
  session: string | undefined;
  callbackQuery: string;
  stateCookie: string;
}

/** The whole code flow as a browser does it: Portico → provider sign-in page → back to Portico. */
async function ssoSignIn(login: string, opts: { stateCookie?: string } = {}): Promise<SignInResult> {
  const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/sso/start' });
  expect(start.statusCode).toBe(303);
  const stateCookie = cookieValue(start, 'portico_sso_state') ?? '';
  const back = await new IdpBrowser().signIn(String(start.headers.location), login);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  const callbackQuery = back.search.slice(1);
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/auth/sso/callback?${callbackQuery}`,
    headers: { cookie: `portico_sso_state=${opts.stateCookie ?? stateCookie}` },
  });
  expect(res.statusCode).toBe(303);
  return {
    location: String(res.headers.location),
    session: cookieValue(res, 'portico_session'),
    callbackQuery,
    stateCookie,
  };
}

async function sessionOf(cookie: string | undefined) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: '/api/auth/session',
    headers: { cookie: `portico_session=${cookie}` },
  });
  return res.json<{
    session: { user: { id: string; role: string; organizationId: string; email: string }; csrfToken: string } | null;
  }>().session;
}

async function auditFor(action: string, since: Date) {
  return ctx.database.db
    .selectFrom('audit_events')
    .select(['actor_user_id', 'outcome', 'detail'])
    .where('action', '=', action)
    .where('at', '>=', since)
    .orderBy('id', 'asc')
    .execute();
}

describe('workforce single sign-on (OpenID Connect, code + PKCE)', () => {
  it('tells the sign-in page the button to show', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(res.json()).toEqual({ enabled: true, name: 'Test Hospital', workforcePasswords: false });
  });

  it('sends the browser to the provider with PKCE S256, a state and a nonce', async () => {
    const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe(cookieValue(start, 'portico_sso_state'));
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    const cookie = start.cookies.find((c) => c.name === 'portico_sso_state');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/sso' });
  });

  it('provisions a new clinician just in time, in the mapped organization, and records the amr', async () => {
    const since = new Date(Date.now() - 1000);
    const p = person();
    const result = await ssoSignIn(p.sub);
    expect(result.location).toBe('/');
    const session = await sessionOf(result.session);
    expect(session?.user).toMatchObject({ role: 'clinician', organizationId: mappedOrgId, email: p.email });
    const userId = session?.user.id ?? '';
    const link = await ctx.database.db
      .selectFrom('sso_identities')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    expect(link).toMatchObject({ issuer: idp.issuer, subject: p.sub });
    const user = await ctx.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const sessions = await ctx.database.db
      .selectFrom('sso_sessions')
      .innerJoin('sessions', 'sessions.id', 'sso_sessions.session_id')
      .select(['sso_sessions.amr', 'sso_sessions.issuer'])
      .where('sessions.user_id', '=', userId)
      .execute();
    expect(sessions).toEqual([{ amr: ['pwd', 'mfa'], issuer: idp.issuer }]);
    expect(await ctx.services.sso?.providerAuthentication((await sessionIdOf(userId)) ?? '')).toMatchObject({
      amr: ['pwd', 'mfa'],
    });
    const audit = await auditFor('auth.sso_login', since);
    expect(audit.find((a) => a.actor_user_id === userId)).toMatchObject({
      outcome: 'allowed',
      detail: { how: 'created', amr: 'pwd mfa', role: 'clinician' },
    });
  });

  it('signs the same person in to the same account again; role follows the provider', async () => {
    const p = person();
    const first = await sessionOf((await ssoSignIn(p.sub)).session);
    p.groups = ['portico-users', 'doctors', 'it-admins'];
    const second = await sessionOf((await ssoSignIn(p.sub)).session);
    expect(second?.user.id).toBe(first?.user.id);
    expect(second?.user.role).toBe('admin');
  });

  it('links an existing workforce account by email only when the provider says the email is verified', async () => {
    const staff = await createUser(ctx, 'staff', { orgId: mappedOrgId });
    const unverified = person({ email: staff.email, email_verified: false, groups: ['portico-users', 'front-desk'] });
    expect((await ssoSignIn(unverified.sub)).location).toBe('/signin?sso_error=sso_email_in_use');
    const verified = person({ email: staff.email, groups: ['portico-users', 'front-desk'] });
    const session = await sessionOf((await ssoSignIn(verified.sub)).session);
    expect(session?.user).toMatchObject({ id: staff.id, role: 'staff' });
    // A second identity at the same provider cannot take the account over.
    const other = person({ email: staff.email, groups: ['portico-users', 'front-desk'] });
    expect((await ssoSignIn(other.sub)).location).toBe('/signin?sso_error=sso_email_in_use');
  });

  it('never signs a patient in through SSO, even with a verified email and the right groups', async () => {
    const patient = await createUser(ctx, 'patient');
    const p = person({ email: patient.email });
    const result = await ssoSignIn(p.sub);
    expect(result).toMatchObject({ location: '/signin?sso_error=sso_patient_account', session: undefined });
    const links = await ctx.database.db
      .selectFrom('sso_identities')
      .select('subject')
      .where('user_id', '=', patient.id)
      .execute();
    expect(links).toEqual([]);
  });

  it('refuses a person outside the required group, without a mapped role, or of an unknown organization', async () => {
    const since = new Date(Date.now() - 1000);
    expect((await ssoSignIn(person({ groups: ['doctors'] }).sub)).location).toBe('/signin?sso_error=sso_not_in_group');
    expect((await ssoSignIn(person({ groups: ['portico-users'] }).sub)).location).toBe('/signin?sso_error=sso_no_role');
    const stranger = person({ organization: 'Somewhere Else' });
    expect((await ssoSignIn(stranger.sub)).location).toBe('/signin?sso_error=sso_unknown_organization');
    const users = await ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', stranger.email ?? '')
      .execute();
    expect(users).toEqual([]);
    const denied = (await auditFor('auth.sso_login', since)).filter((a) => a.outcome === 'denied');
    expect(denied.map((a) => (a.detail as { reason?: string }).reason)).toEqual(
      expect.arrayContaining(['sso_not_in_group', 'sso_no_role', 'unknown_organization']),
    );
  });

  it('refuses a callback whose state is not this browser’s, and a code used twice', async () => {
    const p = person();
    const planted = await ssoSignIn(p.sub, { stateCookie: 'someone-elses-state' });
    expect(planted).toMatchObject({ location: '/signin?sso_error=sso_failed', session: undefined });
    const good = await ssoSignIn(p.sub);
    expect(good.session).toBeTruthy();
    const replay = await ctx.app.inject({
      method: 'GET',
      url: `/api/auth/sso/callback?${good.callbackQuery}`,
      headers: { cookie: `portico_sso_state=${good.stateCookie}` },
    });
    expect(replay.headers.location).toBe('/signin?sso_error=sso_failed');
  });

  it('turns a provider error reply (person cancelled) into a page, not a 500', async () => {
    const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const state = cookieValue(start, 'portico_sso_state') ?? '';
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/auth/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
      headers: { cookie: `portico_sso_state=${state}` },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?sso_error=sso_failed');
  });

  it('with local workforce passwords off, refuses password sign-in for staff with a clear code (patients unaffected)', async () => {
    const staff = await createUser(ctx, 'staff');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: staff.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'local_password_disabled' });
    // A wrong password still gets the same answer as an unknown email: nothing to enumerate.
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: staff.email, password: 'Wrong-password-42' },
    });
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    const patient = await createUser(ctx, 'patient');
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: patient.email, password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('step-up for an SSO account is a fresh sign-in at the provider; an old Portico password does not count', async () => {
    // A staff account from before SSO, with a Portico password, linked by its verified email.
    const staff = await createUser(ctx, 'staff', { orgId: mappedOrgId });
    const p = person({ email: staff.email, groups: ['portico-users', 'front-desk'] });
    const owner = await createUser(ctx, 'patient', { orgId: mappedOrgId });
    const proxy = await createUser(ctx, 'patient');
    const agentOf = async (cookie: string | undefined) =>
      agentFor(ctx.app, `portico_session=${cookie}`, (await sessionOf(cookie))?.csrfToken ?? '');
    const first = await ssoSignIn(p.sub);
    expect((await sessionOf(first.session))?.user.id).toBe(staff.id);
    const agent = await agentOf(first.session);
    const grant = (a: typeof agent) =>
      a.inject('POST', `/api/patients/${owner.patientId}/proxies`, {
        email: proxy.email,
        relationship: 'spouse',
        access: 'full',
      });
    await ctx.database.db
      .updateTable('sessions')
      .set({ reauthenticated_at: new Date(Date.now() - 60 * 60_000) })
      .where('user_id', '=', staff.id)
      .execute();
    const refused = await grant(agent);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    // Its old Portico password cannot sign in here, so it cannot stand in for a sign-in either.
    const byPassword = await agent.inject('POST', '/api/auth/step-up', { password: PASSWORD });
    expect(byPassword.statusCode).toBe(403);
    expect(byPassword.json()).toMatchObject({ code: 'local_password_disabled' });
    expect((await grant(agent)).statusCode).toBe(403);
    const again = await agentOf((await ssoSignIn(p.sub)).session);
    const ok = await grant(again);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('with local workforce passwords off, an emailed sign-in link and a passkey do not sign staff in either', async () => {
    // Staff from before SSO: a passkey set up back then (in a session of its own), and the email.
    const staff = await createUser(ctx, 'staff', { orgId: mappedOrgId });
    const p = person({ email: staff.email, groups: ['portico-users', 'front-desk'] });
    const cookie = (await ssoSignIn(p.sub)).session;
    const agent = agentFor(ctx.app, `portico_session=${cookie}`, (await sessionOf(cookie))?.csrfToken ?? '');
    const key = new SoftAuthenticator(PUBLIC);
    const regOptions = await agent.inject('POST', '/api/auth/passkeys/register/options');
    expect(regOptions.statusCode, regOptions.body).toBe(200);
    const created = await agent.inject('POST', '/api/auth/passkeys', {
      name: 'Badge',
      credential: key.create(regOptions.json<{ options: Record<string, unknown> }>().options),
    });
    expect(created.statusCode, created.body).toBe(201);

    const options = await ctx.app.inject({ method: 'POST', url: '/api/auth/passkeys/sign-in/options' });
    const byPasskey = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/sign-in',
      payload: { credential: key.get(options.json<{ options: Record<string, unknown> }>().options) },
    });
    expect(byPasskey.statusCode).toBe(403);
    expect(byPasskey.json()).toMatchObject({ code: 'local_password_disabled' });
    expect(cookieValue(byPasskey, 'portico_session')).toBeUndefined();

    const ask = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-link/request',
      payload: { email: staff.email },
    });
    expect(ask.statusCode).toBe(202);
    // The request's job mails staff no link (it could not sign them in)...
    await runJobs(ctx);
    expect(await outboxFor(ctx, staff.email)).toEqual([]);
    // ...and a link from before SSO-only mode does not sign them in either.
    const token = randomToken();
    await new IdentityRepository(ctx.database.db).insertEmailToken(
      staff.id,
      'sign_in_link',
      hashToken(token),
      new Date(Date.now() + 900_000),
    );
    const byLink = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-link/complete',
      payload: { token },
    });
    expect(byLink.statusCode).toBe(403);
    expect(byLink.json()).toMatchObject({ code: 'local_password_disabled' });
    expect(cookieValue(byLink, 'portico_session')).toBeUndefined();
  });

  it('with local workforce passwords off, a reset answers staff neutrally and sets no Portico password', async () => {
    const staff = await createUser(ctx, 'staff');
    const before = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    const ask = (email: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
    const known = await ask(staff.email);
    const unknown = await ask(`${uniq('nobody')}@test.example`);
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    // The request's job mails staff no link (it could set no password)...
    await runJobs(ctx);
    expect(await outboxFor(ctx, staff.email)).toEqual([]);
    // ...and a link from before SSO-only mode sets no password either.
    const token = randomToken();
    await new IdentityRepository(ctx.database.db).insertEmailToken(
      staff.id,
      'reset_password',
      hashToken(token),
      new Date(Date.now() + 3_600_000),
    );
    const done = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, password: 'A-brand-new-passphrase-77' },
    });
    expect(done.statusCode).toBe(403);
    expect(done.json()).toMatchObject({ code: 'local_password_disabled' });
    const after = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: staff.email, password: 'A-brand-new-passphrase-77' },
    });
    expect(login.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it('signs out: ends the Portico session and names the provider’s sign-out page', async () => {
    const p = person();
    const cookie = (await ssoSignIn(p.sub)).session;
    const session = await sessionOf(cookie);
    const agent = agentFor(ctx.app, `portico_session=${cookie}`, session?.csrfToken ?? '');
    const res = await agent.inject('POST', '/api/auth/sso/logout');
    expect(res.statusCode).toBe(200);
    const url = new URL(res.json<{ redirectUrl: string }>().redirectUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe('portico-test');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC}/signin`);
    expect(await sessionOf(cookie)).toBeNull();
    // The provider knows that page: it answers it rather than refusing the client.
    const atProvider = await fetch(url, { redirect: 'manual' });
    expect(atProvider.status).toBeLessThan(400);
  });

  it('a password session signs out without a provider page', async () => {
    const patient = await createUser(ctx, 'patient');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: patient.email, password: PASSWORD },
    });
    const agent = agentFor(
      ctx.app,
      `portico_session=${cookieValue(login, 'portico_session')}`,
      login.json<{ csrfToken: string }>().csrfToken,
    );
    const res = await agent.inject('POST', '/api/auth/sso/logout');
    expect(res.json()).toEqual({ redirectUrl: null });
  });
});

async function sessionIdOf(userId: string): Promise<string | undefined> {
  const row = await ctx.database.db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.id;
}

describe('single sign-on when the provider is down', () => {
  let down: TestContext;
  beforeAll(async () => {
    // A port nobody listens on: discovery fails at the first sign-in, not at start-up.
    down = await createTestContext(ssoEnv('http://127.0.0.1:9'));
  });
  afterAll(async () => down?.close());

  it('sends the person to a page saying so, not a 500', async () => {
    const res = await down.app.inject({ method: 'GET', url: '/api/auth/sso/start' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?sso_error=sso_unavailable');
  });
});
