import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from 'jose';
import type { SmartAppCreated } from '@portico/contracts';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { launch, OAuthBrowser, authorizeUrl, registerApp, tokenRequest, REDIRECT } from './smart-helpers.js';
import { clientKeys, type ClientKeys } from './smart-keys.js';

let ctx: TestContext;
let keys: ClientKeys;
const SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs';

beforeAll(async () => {
  // The test's JWKS server listens on 127.0.0.1, which oidc-provider refuses unless allowed.
  ctx = await createTestContext({ PORTICO_SMART_PRIVATE_JWKS: 'true' });
  keys = await clientKeys(ctx, 'test-key-1');
});
afterAll(async () => {
  await ctx.close();
  await keys.close();
});

async function backend(scopes = ['system/*.rs']): Promise<SmartAppCreated> {
  return registerApp(ctx, {
    name: 'Population health',
    kind: 'backend',
    redirectUris: [],
    jwksUri: keys.jwksUri,
    scopes,
  });
}

describe('SMART client authentication', () => {
  it('gives a backend service a system token for its signed assertion, and refuses a forged one', async () => {
    const { app } = await backend();
    const res = await tokenRequest(ctx.app, {
      grant_type: 'client_credentials',
      scope: 'system/*.rs',
      ...(await keys.assertion(app.clientId)),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ access_token: string; expires_in: number; scope: string }>();
    expect(body.expires_in).toBeLessThanOrEqual(300);
    expect(body.scope).toBe('system/*.rs');
    expect(await ctx.services.smart.verifier.verify(body.access_token)).toEqual({
      userId: app.id,
      patientId: null,
      scopes: ['system/*.rs'],
      clientId: app.clientId,
      appName: 'Population health',
      organizationId: null,
    });

    const stranger = await generateKeyPair('RS384');
    const forged = await tokenRequest(ctx.app, {
      grant_type: 'client_credentials',
      scope: 'system/*.rs',
      ...(await keys.assertion(app.clientId, stranger.privateKey)),
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json<{ error: string }>().error).toBe('invalid_client');
    // A scope it was not registered for is refused.
    const { app: narrow } = await backend(['system/Patient.rs']);
    const wide = await tokenRequest(ctx.app, {
      grant_type: 'client_credentials',
      scope: 'system/*.rs',
      ...(await keys.assertion(narrow.clientId)),
    });
    expect(wide.statusCode).toBe(400);
    expect(wide.json<{ error: string }>().error).toBe('invalid_scope');
  });

  it('lets a confidential app exchange its code with private_key_jwt, or with its client secret', async () => {
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const keyed = await registerApp(ctx, {
      kind: 'confidential',
      authMethod: 'private_key_jwt',
      jwksUri: keys.jwksUri,
    });
    expect(keyed.clientSecret).toBeNull();
    const token = await launch(ctx, agent, {
      clientId: keyed.app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
      clientAuth: await keys.assertion(keyed.app.clientId),
    });
    expect(token.patient).toBe(patient.patientId);
    await expect(
      launch(ctx, agent, { clientId: keyed.app.clientId, scope: SCOPE, patientId: patient.patientId ?? '' }),
    ).rejects.toThrow(/invalid_client/);

    const secret = await registerApp(ctx, { kind: 'confidential', authMethod: 'client_secret_basic' });
    expect(secret.clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const basic = Buffer.from(`${secret.app.clientId}:${secret.clientSecret ?? ''}`).toString('base64');
    const withSecret = await launch(ctx, agent, {
      clientId: secret.app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(withSecret.patient).toBe(patient.patientId);
    const wrong = Buffer.from(`${secret.app.clientId}:not-the-secret`).toString('base64');
    await expect(
      launch(ctx, agent, {
        clientId: secret.app.clientId,
        scope: SCOPE,
        patientId: patient.patientId ?? '',
        headers: { authorization: `Basic ${wrong}` },
      }),
    ).rejects.toThrow(/invalid_client/);
    // The secret is kept sealed, never as written.
    const row = await ctx.database.db
      .selectFrom('smart_apps')
      .select('client_secret_sealed')
      .where('id', '=', secret.app.id)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(secret.clientSecret ?? '');
  });
});

describe('SMART app administration', () => {
  it('lets only admins register apps, with problem JSON for bad input', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    const body = { name: 'My app', kind: 'public', redirectUris: ['https://app.example/cb'], scopes: ['patient/*.rs'] };
    expect((await patient.inject('POST', '/api/admin/smart-apps', body)).statusCode).toBe(403);

    const bad = await admin.inject('POST', '/api/admin/smart-apps', {
      ...body,
      redirectUris: ['http://app.example/cb'],
      scopes: ['patient/*.cruds', 'system/*.rs'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = bad.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((f) => f.field)).toEqual(['redirectUris/0', 'scopes', 'scopes']);

    const created = await admin.inject('POST', '/api/admin/smart-apps', body);
    expect(created.statusCode).toBe(201);
    const list = await admin.inject('GET', '/api/admin/smart-apps');
    expect(list.json<{ apps: { name: string }[] }>().apps.map((a) => a.name)).toContain('My app');
  });

  it('disabling an app ends its tokens, refresh tokens and new authorizations', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const patient = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, patient.email);
    const { app } = await registerApp(ctx);
    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: SCOPE,
      patientId: patient.patientId ?? '',
    });
    const { app: system } = await backend();
    const systemToken = (
      await tokenRequest(ctx.app, {
        grant_type: 'client_credentials',
        scope: 'system/*.rs',
        ...(await keys.assertion(system.clientId)),
      })
    ).json<{ access_token: string }>().access_token;

    expect((await admin.inject('POST', `/api/admin/smart-apps/${app.id}/disable`)).statusCode).toBe(200);
    expect((await admin.inject('POST', `/api/admin/smart-apps/${system.id}/disable`)).statusCode).toBe(200);
    expect(await ctx.services.smart.verifier.verify(token.access_token)).toBeNull();
    expect(await ctx.services.smart.verifier.verify(systemToken)).toBeNull();
    const refresh = await tokenRequest(ctx.app, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token ?? '',
      client_id: app.clientId,
    });
    expect(refresh.statusCode).toBeGreaterThanOrEqual(400);
    expect(['invalid_client', 'invalid_grant']).toContain(refresh.json<{ error: string }>().error);
    const again = await new OAuthBrowser(ctx.app, agent).get(authorizeUrl({ clientId: app.clientId, scope: SCOPE }));
    expect(again.statusCode).toBe(400);
    expect(again.headers.location).toBeUndefined();
    expect(REDIRECT).toBeTruthy();
  });
});
