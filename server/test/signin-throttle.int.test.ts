import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createUser,
  linkToken,
  outboxFor,
  PASSWORD,
  runJobs,
  signIn,
  uniq,
  type TestContext,
} from './context.js';
import { SoftAuthenticator } from './webauthn-authenticator.js';

// Issue 13, item 2: no account enumeration, and growing delays instead of a lock anyone can trigger.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    PORTICO_SIGNIN_FREE_TRIES: '5',
    PORTICO_SIGNIN_FREE_TRIES_PER_ADDRESS: '30',
    // Long enough that no wait runs out by itself on a slow machine; tests end waits on purpose.
    PORTICO_SIGNIN_FIRST_DELAY_SECONDS: '60',
    PORTICO_SIGNIN_MAX_DELAY_SECONDS: '900',
  });
});
afterAll(async () => ctx?.close());

let addressCounter = 0;
/** Each test speaks from its own client address, so the per-address counter is its own. */
const freshAddress = (): string => `198.51.100.${++addressCounter}`;

const login = (email: string, password: string, remoteAddress: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

/** The request id is per request (it names this request in the logs), so it is set aside to compare. */
const withoutRequestId = (body: string): string => body.replace(/"requestId":"[^"]*"/, '"requestId":""');

async function expireBlocks(): Promise<void> {
  await ctx.database.db
    .updateTable('sign_in_throttle')
    .set({ blocked_until: new Date(Date.now() - 1000) })
    .execute();
}

describe('sign-in answers do not reveal which emails have accounts', () => {
  it('gives byte-identical statuses, headers that matter and bodies for 20 tries each, unknown vs known email', async () => {
    const known = await createUser(ctx, 'patient');
    const unknown = `${uniq('nobody')}@test.example`;
    const address = freshAddress();
    const seen: { status: number; retryAfter: unknown; body: string }[][] = [[], []];
    for (let i = 0; i < 20; i++) {
      for (const [n, email] of [unknown, known.email].entries()) {
        const res = await login(email, `Wrong guess number ${i}`, address);
        seen[n]?.push({
          status: res.statusCode,
          retryAfter: res.headers['retry-after'],
          body: withoutRequestId(res.body),
        });
      }
    }
    expect(seen[1]).toEqual(seen[0]);
    // What both saw: five plain refusals, then the same slow-down (never a 423 lock).
    expect(seen[0]?.map((s) => s.status)).toEqual([...Array<number>(5).fill(401), ...Array<number>(15).fill(429)]);
    expect(JSON.parse(seen[0]?.[19]?.body ?? '{}')).toMatchObject({ code: 'sign_in_throttled', retryAfterSeconds: 60 });
    expect(seen[0]?.[0]?.body).not.toMatch(/tries|lock/i);
  });

  it('tells the owner by email once, and nobody when no account uses the email', async () => {
    const known = await createUser(ctx, 'patient');
    const address = freshAddress();
    for (let i = 0; i < 8; i++) await login(known.email, `Wrong guess ${i}`, address);
    const mail = await outboxFor(ctx, known.email);
    expect(mail.map((m) => m.subject)).toEqual(['Several wrong passwords for your Portico account']);
    expect(mail[0]?.text).toContain('/signin/link');
    expect(mail[0]?.text).toMatch(/not locked/);
  });

  it('makes each wait longer than the last, doubling up to the cap', async () => {
    const user = await createUser(ctx, 'patient');
    const address = freshAddress();
    for (let i = 0; i < 5; i++) await login(user.email, `Wrong ${i}`, address);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await login(user.email, 'Wrong again', address);
      expect(refused.statusCode).toBe(429);
      waits.push(refused.json<{ retryAfterSeconds: number }>().retryAfterSeconds);
      await expireBlocks();
      expect((await login(user.email, `Wrong after wait ${round}`, address)).statusCode).toBe(401);
    }
    const last = await login(user.email, 'Wrong again', address);
    waits.push(last.json<{ retryAfterSeconds: number }>().retryAfterSeconds);
    expect(waits).toEqual([60, 120, 240, 480, 900]);
    expect(Number(last.headers['retry-after'])).toBe(900);
  });

  it('lets the owner in with the right password once the wait is over, which forgets the failures', async () => {
    const user = await createUser(ctx, 'patient');
    const address = freshAddress();
    for (let i = 0; i < 6; i++) await login(user.email, `Wrong ${i}`, address);
    expect((await login(user.email, PASSWORD, address)).statusCode).toBe(429); // no checking while slowed down
    await expireBlocks();
    expect((await login(user.email, PASSWORD, address)).statusCode).toBe(200);
    // Forgotten: the next wrong password is a plain 401 again, not a longer wait.
    expect((await login(user.email, 'Wrong once more', address)).statusCode).toBe(401);
    expect((await login(user.email, PASSWORD, address)).statusCode).toBe(200);
  });

  it('lets a slowed-down owner in at once with an emailed one-time link', async () => {
    const user = await createUser(ctx, 'patient');
    const address = freshAddress();
    for (let i = 0; i < 6; i++) await login(user.email, `Wrong ${i}`, address);
    const ask = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-link/request',
      payload: { email: user.email },
      remoteAddress: address,
    });
    const askUnknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-link/request',
      payload: { email: `${uniq('nobody')}@test.example` },
      remoteAddress: address,
    });
    expect(ask.statusCode).toBe(202);
    expect(withoutRequestId(askUnknown.body)).toBe(withoutRequestId(ask.body));
    await runJobs(ctx);
    const link = (await outboxFor(ctx, user.email)).find((m) => m.subject === 'Your Portico sign-in link');
    const token = linkToken(link?.text ?? '');
    const done = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in-link/complete', payload: { token } });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(user.id);
    expect(done.cookies.find((c) => c.name === 'portico_session')).toBeDefined();
    // Single use.
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in-link/complete', payload: { token } });
    expect(again.json().code).toBe('token_invalid');
    // The link proved the owner: password sign-in works again at once.
    expect((await login(user.email, PASSWORD, address)).statusCode).toBe(200);
  });

  it('lets a slowed-down owner in at once with a passkey (the password throttle does not apply)', async () => {
    const user = await createUser(ctx, 'patient');
    const owner = await signIn(ctx.app, user.email);
    const key = new SoftAuthenticator(ctx.config.publicUrl);
    const regOptions = await owner.inject('POST', '/api/auth/passkeys/register/options');
    expect(regOptions.statusCode, regOptions.body).toBe(200);
    const created = await owner.inject('POST', '/api/auth/passkeys', {
      name: 'My phone',
      credential: key.create(regOptions.json<{ options: Record<string, unknown> }>().options),
    });
    expect(created.statusCode, created.body).toBe(201);

    const address = freshAddress();
    for (let i = 0; i < 6; i++) await login(user.email, `Wrong ${i}`, address);
    const slowed = await login(user.email, PASSWORD, address);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'sign_in_throttled' });

    const options = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/sign-in/options',
      remoteAddress: address,
    });
    const answer = key.get(options.json<{ options: Record<string, unknown> }>().options);
    const done = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/sign-in',
      payload: { credential: answer },
      remoteAddress: address,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.id).toBe(user.id);
    expect(done.cookies.find((c) => c.name === 'portico_session')).toBeDefined();
    // The passkey proved the owner: password sign-in works again at once.
    expect((await login(user.email, PASSWORD, address)).statusCode).toBe(200);
  });

  it('slows down one address guessing across many emails, but not other addresses', async () => {
    const address = freshAddress();
    for (let i = 0; i < 30; i++) await login(`${uniq('spray')}@test.example`, 'Summer2024!', address);
    const user = await createUser(ctx, 'patient');
    const fromSprayer = await login(user.email, PASSWORD, address);
    expect(fromSprayer.statusCode).toBe(429);
    expect((await login(user.email, PASSWORD, freshAddress())).statusCode).toBe(200);
  });
});

describe('enrollment and reset do not reveal accounts either', () => {
  it('answers sign-up the same for a taken and a new email, and emails the owner instead', async () => {
    const owner = await createUser(ctx, 'patient');
    const body = (email: string) => ({
      email,
      password: 'Lantern-orchard-river-9',
      givenName: 'Ana',
      familyName: 'Silva',
      birthDate: '1980-04-05',
      organizationId: ctx.orgId,
    });
    const taken = await ctx.app.inject({ method: 'POST', url: '/api/auth/signup', payload: body(owner.email) });
    const fresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: body(`${uniq('new')}@test.example`),
    });
    expect(taken.statusCode).toBe(202);
    expect(withoutRequestId(taken.body)).toBe(withoutRequestId(fresh.body));
    await runJobs(ctx);
    expect((await outboxFor(ctx, owner.email)).map((m) => m.subject)).toEqual(['You already have a Portico account']);
  });

  it('answers a password reset the same for a known and an unknown email', async () => {
    const owner = await createUser(ctx, 'patient');
    const ask = (email: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
    const a = await ask(owner.email);
    const b = await ask(`${uniq('nobody')}@test.example`);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(withoutRequestId(a.body)).toBe(withoutRequestId(b.body));
    await runJobs(ctx);
    expect((await outboxFor(ctx, owner.email)).map((m) => m.subject)).toEqual(['Reset your Portico password']);
  });
});
