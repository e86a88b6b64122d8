import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_AUTH_RATE_LIMIT: '3' });
});
afterAll(async () => ctx?.close());

describe('per-address rate limit on sign-in', () => {
  it('answers 429 rate_limited with Retry-After once an address exceeds the limit, and counts addresses apart', async () => {
    const attempt = (ip: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { email: 'nobody@test.example', password: 'whatever-it-is' },
      });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt('10.9.8.7')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await attempt('10.9.8.7');
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('10.9.8.8')).statusCode).toBe(401);
  });
});
