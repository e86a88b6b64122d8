import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken, randomToken } from '../src/lib/tokens.js';
import { IdentityRepository } from '../src/modules/identity/repository.js';
import { auditRows, failAudit } from './audit-tx-fixtures.js';
import {
  createTestContext,
  createUser,
  PASSWORD,
  runJobs,
  signIn,
  uniq,
  type Agent,
  type TestContext,
} from './context.js';

/**
 * Decision 0027 for identity (issue 13): sign-up, password change and reset, setting up and
 * removing the authenticator app and new recovery codes each commit with their audit row or not
 * at all. A failure injected in the audit append, or right after it, keeps nothing.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

const passwordHash = async (userId: string) =>
  (await ctx.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow())
    .password_hash;

const liveSessions = async (userId: string) =>
  (
    await ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .execute()
  ).length;

const recoveryHashes = async (userId: string) =>
  (
    await ctx.database.db
      .selectFrom('mfa_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', userId)
      .orderBy('code_hash')
      .execute()
  ).map((r) => r.code_hash);

const totpConfirmed = async (userId: string) =>
  (await ctx.database.db.selectFrom('mfa_totp').select('confirmed_at').where('user_id', '=', userId).executeTakeFirst())
    ?.confirmed_at ?? null;

/** Starts the authenticator app for a signed-in account; returns its secret. */
async function startApp(agent: Agent): Promise<string> {
  const start = await agent.inject('POST', '/api/auth/mfa/totp/start');
  expect(start.statusCode, start.body).toBe(200);
  return start.json<{ secret: string }>().secret;
}

describe('identity changes commit with their audit row', () => {
  it('sign-up: a crash after the audit row keeps no account and no patient; then it signs up', async () => {
    const email = `${uniq('signup')}@test.example`;
    const body = {
      givenName: 'Ana',
      familyName: 'Ferreira',
      birthDate: '1979-04-08',
      email,
      password: 'harbor lights evening',
      organizationId: ctx.orgId,
    };
    const users = () => ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    const signup = () => ctx.app.inject({ method: 'POST', url: '/api/auth/signup', payload: body });

    // The request only queues the sign-up (decision 0025); its job makes the account.
    failAudit(ctx, 'patient.enroll.signup', 'after-insert');
    expect((await signup()).statusCode).toBe(202);
    await runJobs(ctx);
    expect(await users()).toEqual([]);
    const patients = await ctx.database.db.selectFrom('patients').select('id').where('email', '=', email).execute();
    expect(patients).toEqual([]);
    vi.restoreAllMocks();

    expect((await signup()).statusCode).toBe(202);
    await runJobs(ctx);
    const [user] = await users();
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'patient.enroll.signup')
      .where('actor_user_id', '=', user?.id ?? '')
      .execute();
    expect(rows).toEqual([{ outcome: 'allowed' }]);
  });

  it('password change: a crash after the audit row keeps the old password and the other sessions', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    await signIn(ctx.app, user.email); // another device
    const before = await passwordHash(user.id);
    const change = () =>
      agent.inject('POST', '/api/auth/password/change', {
        currentPassword: PASSWORD,
        newPassword: 'Lantern-meadow-copper-42',
      });

    failAudit(ctx, 'auth.password_change', 'after-insert');
    expect((await change()).statusCode).toBe(500);
    expect(await passwordHash(user.id)).toBe(before);
    expect(await liveSessions(user.id)).toBe(2);
    expect(await auditRows(ctx, 'auth.password_change', { entityId: user.id })).toBe(0);
    vi.restoreAllMocks();

    expect((await change()).statusCode).toBe(204);
    expect(await passwordHash(user.id)).not.toBe(before);
    expect(await liveSessions(user.id)).toBe(1);
    expect(await auditRows(ctx, 'auth.password_change', { entityId: user.id })).toBe(1);
  });

  it('password reset: a failed audit append sets no password, ends no session, and leaves the link usable', async () => {
    const user = await createUser(ctx, 'patient');
    await signIn(ctx.app, user.email);
    const before = await passwordHash(user.id);
    const token = randomToken();
    await new IdentityRepository(ctx.database.db).insertEmailToken(
      user.id,
      'reset_password',
      hashToken(token),
      new Date(Date.now() + 3_600_000),
    );
    const complete = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/complete',
        payload: { token, password: 'Lantern-meadow-copper-42' },
      });

    failAudit(ctx, 'auth.password_reset.complete', 'instead');
    expect((await complete()).statusCode).toBe(500);
    expect(await passwordHash(user.id)).toBe(before);
    expect(await liveSessions(user.id)).toBe(1);
    vi.restoreAllMocks();

    expect((await complete()).statusCode).toBe(204);
    expect(await passwordHash(user.id)).not.toBe(before);
    expect(await liveSessions(user.id)).toBe(0);
    expect(await auditRows(ctx, 'auth.password_reset.complete', { entityId: user.id })).toBe(1);
  });

  it('setting up the app: a crash after the audit row confirms nothing and gives no codes; the same code then works', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const secret = await startApp(agent);
    const code = await codeAt(secret);
    const confirm = () => agent.inject('POST', '/api/auth/mfa/totp/confirm', { code });

    failAudit(ctx, 'auth.mfa.totp.enroll', 'after-insert');
    expect((await confirm()).statusCode).toBe(500);
    expect(await totpConfirmed(user.id)).toBeNull();
    expect(await recoveryHashes(user.id)).toEqual([]);
    expect(await auditRows(ctx, 'auth.mfa.totp.enroll', { entityId: user.id })).toBe(0);
    vi.restoreAllMocks();

    // The time step was not spent either: the same code confirms it now.
    const ok = await confirm();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);
    expect(await totpConfirmed(user.id)).not.toBeNull();
    expect(await auditRows(ctx, 'auth.mfa.totp.enroll', { entityId: user.id })).toBe(1);
  });

  it('removing the app and new recovery codes: a failed audit keeps the app and the old codes', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const secret = await startApp(agent);
    expect((await agent.inject('POST', '/api/auth/mfa/totp/confirm', { code: await codeAt(secret) })).statusCode).toBe(
      200,
    );
    const codes = await recoveryHashes(user.id);
    expect(codes).toHaveLength(10);

    failAudit(ctx, 'auth.mfa.recovery.regenerate', 'after-insert');
    expect((await agent.inject('POST', '/api/auth/mfa/recovery-codes')).statusCode).toBe(500);
    expect(await recoveryHashes(user.id)).toEqual(codes);
    expect(await auditRows(ctx, 'auth.mfa.recovery.regenerate', { entityId: user.id })).toBe(0);

    failAudit(ctx, 'auth.mfa.totp.remove', 'instead');
    expect((await agent.inject('DELETE', '/api/auth/mfa/totp')).statusCode).toBe(500);
    expect(await totpConfirmed(user.id)).not.toBeNull();
    expect(await recoveryHashes(user.id)).toEqual(codes);
    vi.restoreAllMocks();

    const fresh = await agent.inject('POST', '/api/auth/mfa/recovery-codes');
    expect(fresh.statusCode).toBe(200);
    expect(await recoveryHashes(user.id)).not.toEqual(codes);
    expect((await agent.inject('DELETE', '/api/auth/mfa/totp')).statusCode).toBe(204);
    expect(await totpConfirmed(user.id)).toBeNull();
    expect(await recoveryHashes(user.id)).toEqual([]);
    expect(await auditRows(ctx, 'auth.mfa.totp.remove', { entityId: user.id })).toBe(1);
  });

  it('a new workforce account: a crash after the audit row keeps no account; then it is made, audited once', async () => {
    const admin = await createUser(ctx, 'admin');
    const agent = await signIn(ctx.app, admin.email);
    const email = `${uniq('nurse')}@test.example`;
    const create = () =>
      agent.inject('POST', '/api/admin/users', {
        email,
        role: 'clinician',
        givenName: 'Rosa',
        familyName: 'Delgado',
        organizationId: ctx.orgId,
      });
    const users = () => ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute();

    failAudit(ctx, 'admin.user.create', 'after-insert');
    expect((await create()).statusCode).toBe(500);
    expect(await users()).toEqual([]);
    vi.restoreAllMocks();

    const made = await create();
    expect(made.statusCode, made.body).toBe(201);
    const [user] = await users();
    expect(await auditRows(ctx, 'admin.user.create', { entityId: user?.id ?? '' })).toBe(1);
  });
});
