import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { launch, registerApp, REDIRECT } from './smart-helpers.js';

// Browser SMART apps live on other origins: /fhir/R4, its SMART discovery document and the token
// endpoint answer them (CORS, no credentials); the rest of the API stays same-origin.
const APP_ORIGIN = new URL(REDIRECT).origin;
const ELSEWHERE = 'https://someone-else.example';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const preflight = (url: string, origin: string, method = 'GET', headers = 'authorization') =>
  ctx.app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS for SMART apps', () => {
  it('lets any origin preflight and read /fhir/R4 with an Authorization header, never with cookies', async () => {
    const pre = await preflight('/fhir/R4/Observation?category=laboratory', ELSEWHERE);
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    expect(String(pre.headers['access-control-allow-methods'])).toContain('GET');
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();

    const metadata = await ctx.app.inject({ method: 'GET', url: '/fhir/R4/metadata', headers: { origin: ELSEWHERE } });
    expect(metadata.statusCode).toBe(200);
    expect(metadata.headers['access-control-allow-origin']).toBe('*');
    // An error is readable too, with its challenge.
    const denied = await ctx.app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers: { origin: ELSEWHERE } });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe('*');
    expect(String(denied.headers['access-control-expose-headers'])).toContain('WWW-Authenticate');
    const discovery = await ctx.app.inject({
      method: 'GET',
      url: '/fhir/R4/.well-known/smart-configuration',
      headers: { origin: ELSEWHERE },
    });
    expect(discovery.statusCode).toBe(200);
    expect(discovery.headers['access-control-allow-origin']).toBe('*');
    expect((await preflight('/fhir/R4/.well-known/smart-configuration', ELSEWHERE)).statusCode).toBe(204);
  });

  it('answers the app’s token request and FHIR reads from its own origin', async () => {
    const { app } = await registerApp(ctx, { name: 'Browser app' });
    const alice = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, alice.email);
    const pre = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/oauth/token',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.statusCode).toBeLessThan(300);
    expect([APP_ORIGIN, '*']).toContain(pre.headers['access-control-allow-origin']);
    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: 'openid launch/patient patient/*.rs',
      patientId: alice.patientId ?? '',
      headers: { origin: APP_ORIGIN },
    });
    expect(token.patient).toBe(alice.patientId);
    const read = await ctx.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${alice.patientId}`,
      headers: { origin: APP_ORIGIN, authorization: `Bearer ${token.access_token}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
  });

  it('keeps the rest of the API same-origin', async () => {
    const pre = await preflight('/api/results', ELSEWHERE);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await ctx.app.inject({ method: 'GET', url: '/api/results', headers: { origin: ELSEWHERE } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const smartApi = await ctx.app.inject({
      method: 'GET',
      url: '/api/smart/connected-apps',
      headers: { origin: ELSEWHERE },
    });
    expect(smartApi.headers['access-control-allow-origin']).toBeUndefined();
  });
});
