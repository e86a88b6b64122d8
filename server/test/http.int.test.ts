import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, PASSWORD, signIn, uniq, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_BODY_LIMIT_BYTES: '4096' });
});
afterAll(async () => ctx?.close());

const countUsers = async (email: string) =>
  (await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `https://portico.invalid/problems/${code}` });
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|stack|node_modules/);
  return body;
}

describe('response schemas', () => {
  it("every route's response schema compiles (they are built on first use, not at start)", async () => {
    const first = ctx.compileSerializers();
    // Over a hundred routes, each with its answers and a HEAD twin (303 when written).
    expect(first).toBeGreaterThan(200);
    expect(ctx.compileSerializers()).toBe(0);
  });
});

describe('bad input gets a problem response with a stable code, and nothing is written', () => {
  it('malformed JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.org",',
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('wrong types name the field', async () => {
    const email = `${uniq('t')}@test.example`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { givenName: 'A', familyName: 'B', birthDate: 19800101, email, password: 'harbor lights evening' },
    });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body['errors']).toEqual([{ field: 'birthDate', message: expect.any(String) }]);
    expect(await countUsers(email)).toBe(0);
  });

  it('a badly formed email or date says how to write it', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'x' },
    });
    expect(expectProblem(res, 400, 'validation_failed')['errors']).toEqual([
      { field: 'email', message: 'Enter an email address like name@example.com.' },
    ]);
  });

  it('unknown fields are refused, not silently dropped', async () => {
    const email = `${uniq('t')}@test.example`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        givenName: 'A',
        familyName: 'B',
        birthDate: '1980-01-01',
        email,
        password: 'harbor lights evening',
        role: 'admin',
      },
    });
    expect(expectProblem(res, 400, 'validation_failed')['errors']).toEqual([
      { field: 'role', message: 'This field is not allowed here.' },
    ]);
    expect(await countUsers(email)).toBe(0);
  });

  it('missing fields are named', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.org' } });
    expect(expectProblem(res, 400, 'validation_failed')['errors']).toEqual([
      { field: 'password', message: 'This field is required.' },
    ]);
  });

  it('oversized bodies', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.org', password: 'x'.repeat(10_000) },
    });
    expectProblem(res, 413, 'body_too_large');
  });

  it('a body that is not JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<login/>',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('a malformed id in a path', async () => {
    const user = await createUser(ctx, 'patient');
    const res = await (await signIn(ctx.app, user.email, PASSWORD)).inject('GET', '/api/patients/123');
    expect(expectProblem(res, 400, 'validation_failed')['errors']).toEqual([
      { field: 'id', message: 'This is not a valid identifier.' },
    ]);
  });

  it('an unknown API path', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'not_found');
  });
});

describe('operations endpoints', () => {
  it('/healthz and /readyz', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: ctx.database.engine,
    });
  });

  it('/metrics is Prometheus text with request durations by route pattern, not raw URLs', async () => {
    await ctx.app.inject({ method: 'GET', url: '/api/patients/00000000-0000-4000-8000-000000000000' });
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /portico_http_request_duration_seconds_count\{route="\/api\/patients\/:id",method="GET",status="401"\} \d+/,
    );
    expect(res.body).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('serves a generated OpenAPI document describing the routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/patients/{id}', '/api/admin/audit']),
    );
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'password',
    ]);
  });

  it('sends strict security headers on data: nothing may load or frame it, no sniffing, no caching of API data', async () => {
    const answers = [
      await ctx.app.inject({ method: 'GET', url: '/api/auth/session' }),
      await ctx.app.inject({ method: 'GET', url: '/api/nope' }), // problem JSON
      await ctx.app.inject({ method: 'GET', url: '/healthz' }),
    ];
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      // Page-only policies are not repeated on every answer.
      expect(res.headers['permissions-policy']).toBeUndefined();
    }
    expect(answers[0]?.headers['cache-control']).toBe('no-store');
    expect(answers[1]?.headers['cache-control']).toBe('no-store');
  });
});
