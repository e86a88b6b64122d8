import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, agentFor, createTestContext, createUser, signIn, type TestContext } from './context.js';
import { REDIS_URL, secondInstance } from './instances.js';

/** Far longer than any wait below: a refusal can only come from an invalidation, never from the cache expiring. */
const LONG_CACHE = { PORTICO_SESSION_CACHE_SECONDS: '300' };

describe('cached session look-ups on one instance', () => {
  let ctx: TestContext;
  afterAll(async () => ctx?.close());

  it('refuse a signed-out cookie at once, and one ended from another device', async () => {
    ctx = await createTestContext(LONG_CACHE);
    const patient = await createUser(ctx, 'patient');
    const first = await signIn(ctx.app, patient.email);
    const read = `/api/patients/${patient.patientId}`;
    expect((await first.inject('GET', read)).statusCode).toBe(200); // now cached
    expect((await first.inject('POST', '/api/auth/logout', {})).statusCode).toBe(204);
    expect((await first.inject('GET', read)).statusCode).toBe(401);

    const phone = await signIn(ctx.app, patient.email);
    const laptop = await signIn(ctx.app, patient.email);
    expect((await phone.inject('GET', read)).statusCode).toBe(200); // cached
    expect((await laptop.inject('POST', '/api/auth/sessions/end-others', {})).statusCode).toBe(200);
    expect((await phone.inject('GET', read)).statusCode).toBe(401);
    expect((await laptop.inject('GET', read)).statusCode).toBe(200);
  });
});

// Two instances need a database server they can share; CI runs this file against PostgreSQL.
describe.skipIf(!TEST_DATABASE_URL).each([
  ['PostgreSQL LISTEN/NOTIFY', {}],
  ['Redis pub/sub', { REDIS_URL }],
])('cached session look-ups across two instances (%s)', (_bus, env: Record<string, string>) => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  it('sign-out and a password change on one instance: the other refuses the cookie at once', async () => {
    const a = await createTestContext({ ...LONG_CACHE, ...env });
    open.push(a);
    const b = await secondInstance({ ...LONG_CACHE, ...env });
    open.push(b);
    const patient = await createUser(a, 'patient');
    const read = `/api/patients/${patient.patientId}`;

    // Signed in on A; the same browser's next request lands on B, which caches the look-up.
    const onA = await signIn(a.app, patient.email);
    const onB = agentFor(b.app, onA.cookie, onA.csrf);
    expect((await onB.inject('GET', read)).statusCode).toBe(200);
    expect((await onA.inject('POST', '/api/auth/logout', {})).statusCode).toBe(204);
    await expect.poll(async () => (await onB.inject('GET', read)).statusCode).toBe(401);

    // Another device is cached on B; the password changes on A, which ends every other session.
    const other = await signIn(b.app, patient.email);
    expect((await other.inject('GET', read)).statusCode).toBe(200);
    const here = await signIn(a.app, patient.email);
    const change = await here.inject('POST', '/api/auth/password/change', {
      currentPassword: 'Correct-horse-42',
      newPassword: 'A-new-and-longer-passphrase-7',
    });
    expect(change.statusCode).toBe(204);
    await expect.poll(async () => (await other.inject('GET', read)).statusCode).toBe(401);
  });
});
