import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectedAppList, SmartInteraction } from '@portico/contracts';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import {
  authorizeUrl,
  finish,
  launch,
  OAuthBrowser,
  pkce,
  REDIRECT,
  registerApp,
  startAuthorization,
  tokenRequest,
} from './smart-helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs';

describe('SMART discovery', () => {
  it('publishes smart-configuration and OpenID discovery with the /oauth endpoints, PKCE S256 only', async () => {
    const smart = await ctx.app.inject({ method: 'GET', url: '/fhir/R4/.well-known/smart-configuration' });
    expect(smart.statusCode).toBe(200);
    expect(smart.headers['content-type']).toMatch(/application\/json/);
    expect(smart.headers['access-control-allow-origin']).toBe('*');
    const config = smart.json<Record<string, unknown>>();
    expect(config['authorization_endpoint']).toBe(`${ctx.config.publicUrl}/oauth/authorize`);
    expect(config['token_endpoint']).toBe(`${ctx.config.publicUrl}/oauth/token`);
    expect(config['code_challenge_methods_supported']).toEqual(['S256']);
    expect(config['capabilities']).toEqual(
      expect.arrayContaining(['launch-standalone', 'permission-v2', 'client-public']),
    );

    const root = await ctx.app.inject({ method: 'GET', url: '/.well-known/smart-configuration' });
    expect(root.json<Record<string, unknown>>()['token_endpoint']).toBe(config['token_endpoint']);
    const unknown = await ctx.app.inject({ method: 'GET', url: '/oauth/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).not.toMatch(/text\/html/);

    const oidc = await ctx.app.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
    expect(oidc.statusCode).toBe(200);
    const discovery = oidc.json<Record<string, unknown>>();
    expect(discovery['issuer']).toBe(ctx.config.publicUrl);
    expect(String(discovery['token_endpoint'])).toMatch(/\/oauth\/token$/);
    expect(discovery['scopes_supported']).toEqual(
      expect.arrayContaining(['patient/*.rs', 'launch/patient', 'fhirUser']),
    );
    const jwks = await ctx.app.inject({ method: 'GET', url: '/oauth/jwks' });
    const keys = jwks.json<{ keys: { kty: string; d?: string }[] }>().keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]?.d).toBeUndefined();
  });
});

describe('SMART standalone launch', () => {
  it('gives a patient-approved token with the launch context, verifiable for the FHIR API, for at most an hour', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const browser = new OAuthBrowser(ctx.app, agent);
    const uid = await startAuthorization(browser, { clientId: app.clientId, scope: SCOPE });
    const details = await agent.inject('GET', `/api/smart/interactions/${uid}`);
    expect(details.statusCode).toBe(200);
    const asked = details.json<SmartInteraction>();
    expect(asked.app.name).toBe('Test health app');
    expect(asked.reads).toEqual(['*']);
    expect(asked.offline).toBe(true);
    expect(asked.records.map((r) => r.patientId)).toEqual([patient.patientId]);

    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
    });
    expect(token.patient).toBe(patient.patientId);
    expect(token.expires_in).toBeLessThanOrEqual(3600);
    expect(token.refresh_token).toBeTruthy();
    expect(token.id_token).toBeTruthy();
    expect(token.scope.split(' ')).toEqual(expect.arrayContaining(['patient/*.rs', 'launch/patient']));

    const grant = await ctx.services.smart.verifier.verify(token.access_token);
    expect(grant).toEqual({
      userId: patient.id,
      patientId: patient.patientId,
      scopes: expect.arrayContaining(['patient/*.rs']),
      clientId: app.clientId,
      appName: 'Test health app',
    });
    expect(await ctx.services.smart.verifier.verify('not-a-token')).toBeNull();

    // Wired into the FHIR API: the token reads the launched patient, never another one.
    const bearer = { authorization: `Bearer ${token.access_token}` };
    const own = await ctx.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patient.patientId}`, headers: bearer });
    expect(own.statusCode).toBe(200);
    expect(own.json<{ resourceType: string; id: string }>()).toMatchObject({
      resourceType: 'Patient',
      id: patient.patientId,
    });
    const observations = await ctx.app.inject({
      method: 'GET',
      url: `/fhir/R4/Observation?patient=${patient.patientId}`,
      headers: bearer,
    });
    expect(observations.statusCode).toBe(200);
    expect(observations.json<{ resourceType: string }>().resourceType).toBe('Bundle');
    const other = await createUser(ctx, 'patient');
    const foreign = await ctx.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${other.patientId}`,
      headers: bearer,
    });
    expect(foreign.statusCode).toBe(404);
    const bad = await ctx.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${patient.patientId}`,
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('refuses an authorization without PKCE, and a redirect URI that is not registered exactly', async () => {
    const { app } = await registerApp(ctx);
    const browser = new OAuthBrowser(ctx.app, null);
    const noPkce = await browser.get(authorizeUrl({ clientId: app.clientId, scope: SCOPE, challenge: null }));
    expect(noPkce.statusCode).toBe(303);
    const back = new URL(String(noPkce.headers.location));
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);

    const wrong = await browser.get(
      authorizeUrl({ clientId: app.clientId, scope: SCOPE, redirectUri: `${REDIRECT}/other` }),
    );
    // Never redirected to an unregistered address: the error is shown by the server itself.
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers.location).toBeUndefined();
    expect(wrong.body).toMatch(/redirect_uri/);
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const browser = new OAuthBrowser(ctx.app, agent);
    const uid = await startAuthorization(browser, {
      clientId: app.clientId,
      scope: SCOPE,
      challenge: pkce().challenge,
    });
    const approved = await agent.inject('POST', `/api/smart/interactions/${uid}/approve`, {
      patientId: patient.patientId,
    });
    const back = await finish(browser, approved.json<{ redirectTo: string }>().redirectTo);
    const res = await tokenRequest(ctx.app, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      code_verifier: pkce().verifier,
      redirect_uri: REDIRECT,
      client_id: app.clientId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: string }>().error).toBe('invalid_grant');
  });

  it('sends access_denied to the app when the patient declines', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const browser = new OAuthBrowser(ctx.app, agent);
    const uid = await startAuthorization(browser, { clientId: app.clientId, scope: SCOPE });
    const denied = await agent.inject('POST', `/api/smart/interactions/${uid}/deny`);
    expect(denied.statusCode).toBe(200);
    const back = await finish(browser, denied.json<{ redirectTo: string }>().redirectTo);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    // The same request cannot be answered twice.
    const again = await agent.inject('POST', `/api/smart/interactions/${uid}/approve`, {
      patientId: patient.patientId,
    });
    expect(again.statusCode).toBe(410);
    expect(again.json<{ code: string }>().code).toBe('smart_interaction_expired');
  });

  it('narrows scopes to what the app was registered for, and a patient cannot choose another patient’s record', async () => {
    const { app } = await registerApp(ctx, {
      scopes: ['openid', 'fhirUser', 'launch/patient', 'patient/Observation.rs', 'patient/Patient.read'],
    });
    const patient = await createUser(ctx, 'patient');
    const other = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const scope =
      'openid fhirUser launch/patient patient/*.rs patient/Observation.rs patient/Patient.read offline_access';

    const browser = new OAuthBrowser(ctx.app, agent);
    const uid = await startAuthorization(browser, { clientId: app.clientId, scope });
    const asked = (await agent.inject('GET', `/api/smart/interactions/${uid}`)).json<SmartInteraction>();
    expect(asked.reads).toEqual(['Patient', 'Observation']);
    expect(asked.offline).toBe(false);
    const foreign = await agent.inject('POST', `/api/smart/interactions/${uid}/approve`, {
      patientId: other.patientId,
    });
    expect(foreign.statusCode).toBe(404);

    const token = await launch(ctx, agent, { clientId: app.clientId, scope, patientId: patient.patientId ?? '' });
    expect(token.scope.split(' ').sort()).toEqual(
      ['fhirUser', 'launch/patient', 'openid', 'patient/Observation.rs', 'patient/Patient.read'].sort(),
    );
    expect(token.refresh_token).toBeUndefined();
  });

  it('lets a proxy with limited access connect an app to that record for the parts they may see only', async () => {
    const { app } = await registerApp(ctx);
    const owner = await createUser(ctx, 'patient');
    const proxy = await createUser(ctx, 'patient');
    const ownerAgent = await signIn(ctx.app, owner.email);
    const shared = await ownerAgent.inject('POST', '/api/proxies', {
      email: proxy.email,
      relationship: 'spouse',
      access: 'limited',
      areas: ['results'],
    });
    expect(shared.statusCode).toBe(201);
    const agent = await signIn(ctx.app, proxy.email);
    const browser = new OAuthBrowser(ctx.app, agent);
    const uid = await startAuthorization(browser, { clientId: app.clientId, scope: SCOPE });
    const asked = (await agent.inject('GET', `/api/smart/interactions/${uid}`)).json<SmartInteraction>();
    const theirs = asked.records.find((r) => r.patientId === owner.patientId);
    expect(theirs?.reads).toEqual(expect.arrayContaining(['Patient', 'Observation', 'DiagnosticReport']));
    expect(theirs?.reads).not.toContain('MedicationRequest');

    const token = await launch(ctx, agent, { clientId: app.clientId, scope: SCOPE, patientId: owner.patientId ?? '' });
    expect(token.patient).toBe(owner.patientId);
    expect(token.scope).not.toContain('patient/*.rs');
    expect(token.scope).toContain('patient/Observation.rs');
    const grant = await ctx.services.smart.verifier.verify(token.access_token);
    expect(grant?.patientId).toBe(owner.patientId);
    expect(grant?.userId).toBe(proxy.id);
    expect(grant?.scopes).toContain('patient/Observation.rs');
    expect(grant?.scopes).not.toContain('patient/MedicationRequest.rs');
  });
});

describe('SMART tokens after the launch', () => {
  it('refreshes with offline_access, and a revoke in Connected apps makes the refresh token and access token fail', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
    });

    const refreshed = await tokenRequest(ctx.app, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token ?? '',
      client_id: app.clientId,
    });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json<{ access_token: string; refresh_token: string; patient: string }>();
    expect(next.patient).toBe(patient.patientId);
    expect(await ctx.services.smart.verifier.verify(next.access_token)).not.toBeNull();

    const list = (await agent.inject('GET', '/api/smart/connected-apps')).json<ConnectedAppList>();
    expect(list.apps).toHaveLength(1);
    expect(list.apps[0]).toMatchObject({ appName: 'Test health app', reads: ['*'], offline: true, self: true });
    expect(list.apps[0]?.lastUsedAt).not.toBeNull();
    const grantId = list.apps[0]?.grantId ?? '';

    // Someone else cannot revoke it (a 404, as for a missing one).
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await stranger.inject('DELETE', `/api/smart/connected-apps/${grantId}`)).statusCode).toBe(404);

    expect((await agent.inject('DELETE', `/api/smart/connected-apps/${grantId}`)).statusCode).toBe(204);
    const after = await tokenRequest(ctx.app, {
      grant_type: 'refresh_token',
      refresh_token: next.refresh_token,
      client_id: app.clientId,
    });
    expect(after.statusCode).toBe(400);
    expect(after.json<{ error: string }>().error).toBe('invalid_grant');
    expect(await ctx.services.smart.verifier.verify(next.access_token)).toBeNull();
    expect((await agent.inject('GET', '/api/smart/connected-apps')).json<ConnectedAppList>().apps).toHaveLength(0);
  });

  it('treats an expired access token as no token', async () => {
    const { app } = await registerApp(ctx);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
    });
    expect(await ctx.services.smart.verifier.verify(token.access_token)).not.toBeNull();
    // Time passes: the stored token's expiry is now in the past.
    await ctx.database.db
      .updateTable('smart_oidc_store')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('model', '=', 'AccessToken')
      .where('id', '=', token.access_token)
      .execute();
    expect(await ctx.services.smart.verifier.verify(token.access_token)).toBeNull();
  });
});
