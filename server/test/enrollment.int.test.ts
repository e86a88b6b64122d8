import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieFrom,
  createTestContext,
  createUser,
  linkToken,
  outboxFor,
  runJobs,
  signIn,
  uniq,
  type TestContext,
} from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** Posts, then runs the jobs it enqueued (sign-up and reset requests are finished by jobs). */
async function post(url: string, payload: Record<string, unknown>) {
  const res = await ctx.app.inject({ method: 'POST', url, payload });
  await runJobs(ctx);
  return res;
}
const login = (email: string, password: string) => post('/api/auth/login', { email, password });

async function staffCreatesPatientWithCode(birthDate = '1948-05-17') {
  const staff = await createUser(ctx, 'staff');
  const agent = await signIn(ctx.app, staff.email);
  const created = await agent.inject('POST', '/api/patients', {
    givenName: 'Walter',
    familyName: uniq('Brooks'),
    birthDate,
  });
  expect(created.statusCode).toBe(201);
  const patientId: string = created.json().id;
  const issued = await agent.inject('POST', `/api/patients/${patientId}/activation-codes`);
  expect(issued.statusCode).toBe(201);
  return { staff, agent, patientId, code: issued.json().code as string, birthDate };
}

describe('enrollment with an activation code', () => {
  it('creates the account, links it to the patient record, and signs the patient in', async () => {
    const { patientId, code, birthDate } = await staffCreatesPatientWithCode();
    const email = `${uniq('walter')}@test.example`;
    const res = await post('/api/auth/activate', {
      activationCode: code.toLowerCase().replace(/-/g, ' '),
      birthDate,
      email,
      password: 'river stone lantern',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ role: 'patient', patientId, email });
    const own = await ctx.app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}`,
      headers: { cookie: cookieFrom(res) },
    });
    expect(own.json()).toMatchObject({ id: patientId, hasAccount: true });
    expect((await login(email, 'river stone lantern')).statusCode).toBe(200);
  });

  it('a wrong date of birth is refused and nothing is created; the code dies after five wrong tries', async () => {
    const { code, patientId, birthDate } = await staffCreatesPatientWithCode();
    const email = `${uniq('guess')}@test.example`;
    for (let i = 0; i < 5; i++) {
      const res = await post('/api/auth/activate', {
        activationCode: code,
        birthDate: `1950-01-0${i + 1}`,
        email,
        password: 'river stone lantern',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'activation_code_invalid', errors: [{ field: 'activationCode' }] });
    }
    expect(await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    const right = await post('/api/auth/activate', {
      activationCode: code,
      birthDate,
      email,
      password: 'river stone lantern',
    });
    expect(right.json().code).toBe('activation_code_invalid');
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('patient_id', '=', patientId)
      .where('action', '=', 'patient.enroll.activation_code')
      .execute();
    // The sixth try no longer finds a live code, so it cannot be tied to the patient.
    expect(denied).toHaveLength(5);
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true);
  });

  it('a code works once', async () => {
    const { code, birthDate } = await staffCreatesPatientWithCode();
    expect(
      (
        await post('/api/auth/activate', {
          activationCode: code,
          birthDate,
          email: `${uniq('a')}@test.example`,
          password: 'river stone lantern',
        })
      ).statusCode,
    ).toBe(201);
    const again = await post('/api/auth/activate', {
      activationCode: code,
      birthDate,
      email: `${uniq('b')}@test.example`,
      password: 'river stone lantern',
    });
    expect(again.json().code).toBe('activation_code_invalid');
  });

  it('an email that already has an account is refused on the email field, and the code still works after', async () => {
    const { code, birthDate } = await staffCreatesPatientWithCode();
    const existing = await createUser(ctx, 'patient');
    const res = await post('/api/auth/activate', {
      activationCode: code,
      birthDate,
      email: existing.email,
      password: 'river stone lantern',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
    expect(
      (
        await post('/api/auth/activate', {
          activationCode: code,
          birthDate,
          email: `${uniq('c')}@test.example`,
          password: 'river stone lantern',
        })
      ).statusCode,
    ).toBe(201);
  });

  it("each taken email spends one of the code's tries, and the address's owner is told by email", async () => {
    const { code, birthDate } = await staffCreatesPatientWithCode();
    const owners = await Promise.all(Array.from({ length: 5 }, () => createUser(ctx, 'patient')));
    for (const owner of owners) {
      const res = await post('/api/auth/activate', {
        activationCode: code,
        birthDate,
        email: owner.email,
        password: 'river stone lantern',
      });
      expect(res.json().code).toBe('email_taken');
      // The owner learns someone tried to use their address (docs/decisions/0025).
      expect((await outboxFor(ctx, owner.email)).map((m) => m.subject)).toEqual(['You already have a Portico account']);
    }
    // Five probes used the code up: a code holder cannot test address after address.
    const fresh = await post('/api/auth/activate', {
      activationCode: code,
      birthDate,
      email: `${uniq('late')}@test.example`,
      password: 'river stone lantern',
    });
    expect(fresh.json().code).toBe('activation_code_invalid');
  });

  it('a weak password is explained on the password field', async () => {
    const { code, birthDate } = await staffCreatesPatientWithCode();
    const res = await post('/api/auth/activate', {
      activationCode: code,
      birthDate,
      email: `${uniq('d')}@test.example`,
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'weak_password',
      errors: [{ field: 'password', message: 'Use at least 12 characters.' }],
    });
  });

  it('patients cannot issue activation codes, and staff of another organization get a 404', async () => {
    const { patientId } = await staffCreatesPatientWithCode();
    const patient = await createUser(ctx, 'patient');
    const asPatient = await (
      await signIn(ctx.app, patient.email)
    ).inject('POST', `/api/patients/${patientId}/activation-codes`);
    expect(asPatient.statusCode).toBe(403);
    const { createOrganization } = await import('./context.js');
    const otherOrg = await createOrganization(ctx.database);
    const otherStaff = await createUser(ctx, 'staff', { orgId: otherOrg });
    const asOther = await (
      await signIn(ctx.app, otherStaff.email)
    ).inject('POST', `/api/patients/${patientId}/activation-codes`);
    expect(asOther.statusCode).toBe(404);
  });
});

describe('self sign-up', () => {
  it('sends a verification link; sign-in waits for it; the link works once', async () => {
    const email = `${uniq('self')}@test.example`;
    const res = await post('/api/auth/signup', {
      givenName: 'Ana',
      familyName: 'Ferreira',
      birthDate: '1979-04-08',
      email,
      password: 'harbor lights evening',
      organizationId: ctx.orgId,
    });
    expect(res.statusCode).toBe(202);
    expect((await login(email, 'harbor lights evening')).json().code).toBe('email_not_verified');
    const mails = await outboxFor(ctx, email);
    const last = mails.at(-1);
    expect(last?.subject).toBe('Confirm your email for Portico');
    expect(last?.text).not.toMatch(/Ana|Ferreira|1979/); // no personal or health data in email
    const token = linkToken(last?.text ?? '');
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(200);
    expect((await post('/api/auth/verify-email', { token })).json().code).toBe('token_invalid');
    const signedIn = await login(email, 'harbor lights evening');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.patientId).toEqual(expect.any(String));
  });

  it('does not reveal that an email is registered: same answer, and the owner is told by email', async () => {
    const existing = await createUser(ctx, 'patient');
    const res = await post('/api/auth/signup', {
      givenName: 'X',
      familyName: 'Y',
      birthDate: '1980-01-01',
      email: existing.email,
      password: 'harbor lights evening',
    });
    expect(res.statusCode).toBe(202);
    expect((await outboxFor(ctx, existing.email)).at(-1)?.subject).toBe('You already have a Portico account');
    const users = await ctx.database.db.selectFrom('users').select('id').where('email', '=', existing.email).execute();
    expect(users).toHaveLength(1);
  });

  it('rejects an unknown organization without creating anything', async () => {
    const email = `${uniq('org')}@test.example`;
    const res = await post('/api/auth/signup', {
      givenName: 'A',
      familyName: 'B',
      birthDate: '1980-01-01',
      email,
      password: 'harbor lights evening',
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'organizationId', message: expect.any(String) }]);
    expect(await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });
});

describe('password reset', () => {
  it('emails a single-use link that sets a new password and ends existing sessions', async () => {
    const user = await createUser(ctx, 'patient');
    const session = await signIn(ctx.app, user.email);
    expect((await post('/api/auth/password-reset/request', { email: user.email })).statusCode).toBe(202);
    const token = linkToken((await outboxFor(ctx, user.email)).at(-1)?.text ?? '');
    const weak = await post('/api/auth/password-reset/complete', { token, password: 'tiny' });
    expect(weak.json().code).toBe('weak_password');
    expect(
      (await post('/api/auth/password-reset/complete', { token, password: 'quiet meadow sunrise' })).statusCode,
    ).toBe(204);
    expect(
      (await post('/api/auth/password-reset/complete', { token, password: 'another meadow sunrise' })).json().code,
    ).toBe('token_invalid');
    expect((await login(user.email, 'quiet meadow sunrise')).statusCode).toBe(200);
    expect((await session.inject('GET', `/api/patients/${user.patientId}`)).statusCode).toBe(401);
  });

  it('an expired link is refused', async () => {
    const user = await createUser(ctx, 'patient');
    await post('/api/auth/password-reset/request', { email: user.email });
    const token = linkToken((await outboxFor(ctx, user.email)).at(-1)?.text ?? '');
    await ctx.database.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect(
      (await post('/api/auth/password-reset/complete', { token, password: 'quiet meadow sunrise' })).json().code,
    ).toBe('token_invalid');
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const email = `${uniq('ghost')}@test.example`;
    const res = await post('/api/auth/password-reset/request', { email });
    expect(res.statusCode).toBe(202);
    expect(await outboxFor(ctx, email)).toEqual([]);
  });

  it('asking twice makes the first link stop working', async () => {
    const user = await createUser(ctx, 'patient');
    await post('/api/auth/password-reset/request', { email: user.email });
    const first = linkToken((await outboxFor(ctx, user.email)).at(-1)?.text ?? '');
    await post('/api/auth/password-reset/request', { email: user.email });
    expect(
      (await post('/api/auth/password-reset/complete', { token: first, password: 'quiet meadow sunrise' })).json().code,
    ).toBe('token_invalid');
  });
});
