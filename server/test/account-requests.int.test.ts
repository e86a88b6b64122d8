import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD_RESET_JOB, SIGNUP_JOB, SIGN_IN_LINK_JOB } from '../src/modules/identity/account-requests.js';
import { createTestContext, createUser, outboxFor, runJobs, uniq, type TestContext } from './context.js';

// Issue 13, item 2: sign-up, password-reset and sign-in-link requests must not tell a known email
// from an unknown one, by answer or by time. The request does the same work either way (the same
// statements, one job of its kind, the password hashed); the job then finds the account and sends
// the right email, or none. No timing is asserted here: bench/account-requests.ts measures it.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** Runs one request; returns its answer and the SQL text of every statement it sent. */
async function traced(url: string, payload: Record<string, unknown>) {
  const executor = ctx.database.db.getExecutor();
  const spy = vi.spyOn(executor, 'executeQuery');
  try {
    const res = await ctx.app.inject({ method: 'POST', url, payload });
    return { status: res.statusCode, body: withoutRequestId(res.body), statements: spy.mock.calls.map(([q]) => q.sql) };
  } finally {
    spy.mockRestore();
  }
}

const withoutRequestId = (body: string): string => body.replace(/"requestId":"[^"]*"/, '');

/** Jobs of one kind whose payload names this email (the payload is erased once the job is done). */
async function jobsFor(kind: string, email: string) {
  const rows = await ctx.database.db
    .selectFrom('jobs')
    .select(['id', 'payload', 'done_at'])
    .where('kind', '=', kind)
    .execute();
  return rows.filter((r) => (r.payload as Record<string, unknown>)['email'] === email);
}

async function jobPayload(id: string): Promise<unknown> {
  const row = await ctx.database.db.selectFrom('jobs').select('payload').where('id', '=', id).executeTakeFirstOrThrow();
  return row.payload;
}

describe('a known and an unknown email cost a request the same work', () => {
  it.each([
    ['password reset', '/api/auth/password-reset/request', PASSWORD_RESET_JOB, 'Reset your Portico password'],
    ['sign-in link', '/api/auth/sign-in-link/request', SIGN_IN_LINK_JOB, 'Your Portico sign-in link'],
  ])('%s: the same statements and one job each; the job emails only the owner', async (_, url, kind, subject) => {
    const owner = await createUser(ctx, 'patient');
    const nobody = `${uniq('nobody')}@test.example`;
    const known = await traced(url, { email: owner.email });
    const unknown = await traced(url, { email: nobody });
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
    expect(known.statements.length).toBeGreaterThan(0);
    // Nothing about the account was looked at or sent yet: one job each, and an empty outbox.
    const [ownerJob] = await jobsFor(kind, owner.email);
    expect(await jobsFor(kind, owner.email)).toHaveLength(1);
    expect(await jobsFor(kind, nobody)).toHaveLength(1);
    expect(await outboxFor(ctx, owner.email)).toEqual([]);

    await runJobs(ctx);
    expect((await outboxFor(ctx, owner.email)).map((m) => m.subject)).toEqual([subject]);
    expect(await outboxFor(ctx, nobody)).toEqual([]);
    // What was typed is not kept once the job is done.
    expect(await jobPayload(ownerJob?.id ?? '')).toEqual({});
    expect(await jobsFor(kind, nobody)).toEqual([]);
  });

  it('sign-up: the same statements and one job each, with the password hashed either way', async () => {
    const owner = await createUser(ctx, 'patient');
    const fresh = `${uniq('new')}@test.example`;
    const body = (email: string) => ({
      email,
      password: 'Lantern-orchard-river-9',
      givenName: 'Ana',
      familyName: 'Silva',
      birthDate: '1980-04-05',
      organizationId: ctx.orgId,
    });
    const taken = await traced('/api/auth/signup', body(owner.email));
    const created = await traced('/api/auth/signup', body(fresh));
    expect(taken.status).toBe(202);
    expect(created).toEqual(taken);
    expect(taken.statements.length).toBeGreaterThan(0);
    const [takenJob] = await jobsFor(SIGNUP_JOB, owner.email);
    const [freshJob] = await jobsFor(SIGNUP_JOB, fresh);
    for (const job of [takenJob, freshJob]) {
      expect((job?.payload as Record<string, unknown>)['passwordHash']).toMatch(/^\$argon2id\$/);
    }
    // The account is made by the job, not by the request.
    expect(await ctx.database.db.selectFrom('users').select('id').where('email', '=', fresh).execute()).toEqual([]);

    await runJobs(ctx);
    expect((await outboxFor(ctx, owner.email)).map((m) => m.subject)).toEqual(['You already have a Portico account']);
    expect((await outboxFor(ctx, fresh)).map((m) => m.subject)).toEqual(['Confirm your email for Portico']);
    expect(await ctx.database.db.selectFrom('users').select('id').where('email', '=', fresh).execute()).toHaveLength(1);
    expect(await jobPayload(takenJob?.id ?? '')).toEqual({});
    expect(await jobPayload(freshJob?.id ?? '')).toEqual({});
    // Audited by the job as the request that asked: its address, not the job's.
    const user = await ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', fresh)
      .executeTakeFirstOrThrow();
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['ip', 'outcome'])
      .where('action', '=', 'patient.enroll.signup')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(audit).toEqual([{ ip: '127.0.0.1', outcome: 'allowed' }]);
  });
});
