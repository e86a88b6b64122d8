import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, cookieFrom, createTestContext, createUser, PASSWORD, type TestContext } from './context.js';

// Issue 13, item 4: "Where you're signed in" — see each session, sign out one or all others.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const LAPTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

async function signInFrom(email: string, userAgent: string, remoteAddress: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
    headers: { 'user-agent': userAgent },
    remoteAddress,
  });
  expect(res.statusCode).toBe(200);
  return agentFor(ctx.app, cookieFrom(res), res.json<{ csrfToken: string }>().csrfToken);
}

interface Listed {
  id: string;
  current: boolean;
  browser: string;
  network: string | null;
  signedInAt: string;
  lastActiveAt: string;
}

describe("where you're signed in", () => {
  it('lists each place with browser, times and a coarse network, marking this one', async () => {
    const user = await createUser(ctx, 'patient');
    const phone = await signInFrom(user.email, PHONE_UA, '203.0.113.77');
    await signInFrom(user.email, LAPTOP_UA, '198.51.100.23');
    const res = await phone.inject('GET', '/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    const sessions = res.json<{ sessions: Listed[] }>().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.current)).toMatchObject({ browser: 'Chrome on Android', network: '203.0.113.x' });
    expect(sessions.find((s) => !s.current)).toMatchObject({ browser: 'Firefox on Windows', network: '198.51.100.x' });
    expect(res.body).not.toContain('203.0.113.77');
    expect(Date.parse(sessions[0]?.signedInAt ?? '')).not.toBeNaN();
  });

  it('signs out one other place: its cookie stops working, this one keeps going', async () => {
    const user = await createUser(ctx, 'patient');
    const phone = await signInFrom(user.email, PHONE_UA, '203.0.113.1');
    const laptop = await signInFrom(user.email, LAPTOP_UA, '198.51.100.1');
    const other = (await phone.inject('GET', '/api/auth/sessions'))
      .json<{ sessions: Listed[] }>()
      .sessions.find((s) => !s.current);
    expect((await phone.inject('DELETE', `/api/auth/sessions/${other?.id}`)).statusCode).toBe(204);
    const after = await laptop.inject('GET', `/api/patients/${user.patientId}`);
    expect(after.statusCode).toBe(401);
    expect((await phone.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(200);
    // Ending it again, or the current one this way, is refused plainly.
    expect((await phone.inject('DELETE', `/api/auth/sessions/${other?.id}`)).statusCode).toBe(404);
    const current = (await phone.inject('GET', '/api/auth/sessions')).json<{ sessions: Listed[] }>().sessions[0];
    expect((await phone.inject('DELETE', `/api/auth/sessions/${current?.id}`)).statusCode).toBe(400);
  });

  it("cannot see or end someone else's session: a 404 like a missing one", async () => {
    const owner = await createUser(ctx, 'patient');
    const stranger = await createUser(ctx, 'patient');
    const ownerAgent = await signInFrom(owner.email, PHONE_UA, '203.0.113.2');
    const strangerAgent = await signInFrom(stranger.email, LAPTOP_UA, '198.51.100.2');
    const ownerSession = (await ownerAgent.inject('GET', '/api/auth/sessions')).json<{ sessions: Listed[] }>()
      .sessions[0];
    const listed = (await strangerAgent.inject('GET', '/api/auth/sessions')).json<{ sessions: Listed[] }>().sessions;
    expect(listed.map((s) => s.id)).not.toContain(ownerSession?.id);
    const res = await strangerAgent.inject('DELETE', `/api/auth/sessions/${ownerSession?.id}`);
    expect(res.statusCode).toBe(404);
    expect((await ownerAgent.inject('GET', `/api/patients/${owner.patientId}`)).statusCode).toBe(200);
  });

  it('signs out every other place at once and says how many', async () => {
    const user = await createUser(ctx, 'patient');
    const here = await signInFrom(user.email, PHONE_UA, '203.0.113.3');
    const others = [
      await signInFrom(user.email, LAPTOP_UA, '198.51.100.3'),
      await signInFrom(user.email, LAPTOP_UA, '198.51.100.4'),
    ];
    const res = await here.inject('POST', '/api/auth/sessions/end-others');
    expect(res.json()).toEqual({ ended: 2 });
    for (const agent of others) expect((await agent.inject('GET', '/api/auth/sessions')).statusCode).toBe(401);
    const left = (await here.inject('GET', '/api/auth/sessions')).json<{ sessions: Listed[] }>().sessions;
    expect(left.map((s) => s.current)).toEqual([true]);
  });

  it('needs a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/sessions' })).statusCode).toBe(401);
  });
});
