import { formatMrn, parseMrn } from '@portico/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  createOrganization,
  createUser,
  createTestContext,
  outboxFor,
  runJobs,
  signIn,
  uniq,
  type Agent,
  type TestContext,
} from './context.js';

let ctx: TestContext;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

/** Online, without an account: the answer never tells the outcome (docs/decisions/0025). */
const register = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/registrations', payload, headers });
/** Staff from a call: they see the outcome, the MRN and the record id. */
const registerByStaff = (payload: Record<string, unknown>) => staff.inject('POST', '/api/registrations', payload);
/** What became of a registration, as registration staff see it. */
const statusOf = async (id: string): Promise<string> =>
  (await staff.inject('GET', `/api/registrations/${id}`)).json<{ status: string }>().status;

function person(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId: ctx.orgId,
    givenName: 'Ana',
    familyName: uniq('Souza'),
    birthDate: '1971-06-30',
    sex: 'female',
    email: `${uniq('ana')}@test.example`,
    phone: '+55 11 91234 5678',
    preferredLanguage: 'pt',
    addressLine1: 'Rua Augusta 100',
    addressCity: 'São Paulo',
    addressPostalCode: '01305-000',
    addressCountry: 'BR',
    payment: 'self_pay',
    ...over,
  };
}

const fields = (body: string): string[] =>
  (JSON.parse(body) as { errors: { field: string }[] }).errors.map((e) => e.field);

async function auditCount(
  action: string,
  entityId: string,
  outcome: 'allowed' | 'denied' = 'allowed',
): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .where('outcome', '=', outcome)
    .execute();
  return rows.length;
}

describe('medical record numbers', () => {
  it('every new patient gets a valid MRN, by every path', async () => {
    const direct = await ctx.database.db
      .insertInto('patients')
      .values({ organization_id: ctx.orgId, given_name: 'Direct', family_name: uniq('Row'), birth_date: '1960-01-01' })
      .returning('mrn')
      .executeTakeFirstOrThrow();
    expect(parseMrn(direct.mrn).ok).toBe(true);

    const byStaff = await staff.inject('POST', '/api/patients', {
      givenName: 'Walter',
      familyName: uniq('Brooks'),
      birthDate: '1948-05-17',
    });
    expect(byStaff.statusCode).toBe(201);
    expect(parseMrn(byStaff.json<{ mrn: string }>().mrn).ok).toBe(true);

    const email = `${uniq('self')}@test.example`;
    const signup = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password: PASSWORD, givenName: 'Sam', familyName: 'Self', birthDate: '1980-02-02' },
    });
    expect(signup.statusCode).toBe(202);
    await runJobs(ctx); // sign-up is finished by a job
    const selfRow = await ctx.database.db
      .selectFrom('patients')
      .select('mrn')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(parseMrn(selfRow.mrn).ok).toBe(true);
  });

  it('gives 20 parallel registrations 20 distinct MRNs, all with valid check digits', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => registerByStaff(person())));
    const mrns = results.map((r) => {
      expect(r.statusCode).toBe(201);
      return r.json<{ mrn: string }>().mrn;
    });
    expect(new Set(mrns).size).toBe(20);
    for (const mrn of mrns) expect(parseMrn(mrn)).toEqual({ ok: true, mrn });
  });

  it('never lets an MRN change', async () => {
    const row = await ctx.database.db.selectFrom('patients').select(['id', 'mrn']).limit(1).executeTakeFirstOrThrow();
    const other = await registerByStaff(person());
    const taken = other.json<{ mrn: string }>().mrn;
    await expect(
      ctx.database.db
        .updateTable('patients')
        .set({ mrn: taken } as never)
        .where('id', '=', row.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('staff find a patient by MRN with or without dashes; a wrong check digit is a field error', async () => {
    const reg = await registerByStaff(person());
    const mrn = reg.json<{ mrn: string }>().mrn;
    for (const q of [mrn, formatMrn(mrn), `MRN ${formatMrn(mrn)}`]) {
      const found = await staff.inject('GET', `/api/patients?q=${encodeURIComponent(q)}`);
      expect(found.statusCode).toBe(200);
      expect(found.json<{ patients: { mrn: string }[] }>().patients.map((p) => p.mrn)).toEqual([mrn]);
    }
    const wrong = mrn.slice(0, 8) + String((Number(mrn[8]) + 1) % 10);
    const bad = await staff.inject('GET', `/api/patients?q=${wrong}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('mrn_invalid');
    expect(fields(bad.body)).toEqual(['q']);
    const swapped = mrn.slice(0, 3) + (mrn[4] ?? '') + (mrn[3] ?? '') + mrn.slice(5);
    if (swapped !== mrn) expect((await staff.inject('GET', `/api/patients?q=${swapped}`)).statusCode).toBe(400);
  });
});

describe('online registration', () => {
  it('creates the patient and emails an activation code that enrolls them; the MRN is shown once signed in', async () => {
    const body = person();
    const res = await register(body);
    expect(res.statusCode).toBe(201);
    const result = res.json<{ id: string; status: string; mrn: string | null; patientId: string | null }>();
    // The public answer says only "received": no MRN, no record id, nothing about a match.
    expect(result).toMatchObject({ status: 'received', mrn: null, patientId: null });
    expect(await statusOf(result.id)).toBe('registered');
    const mail = await outboxFor(ctx, String(body['email']));
    expect(mail).toHaveLength(1);
    const code = /^\s+([A-Z0-9-]{8,})$/m.exec(mail[0]?.text ?? '')?.[1];
    expect(code).toBeTruthy();
    const activated = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { activationCode: code, birthDate: body['birthDate'], email: body['email'], password: PASSWORD },
    });
    expect(activated.statusCode).toBe(201);
    const patient = await signIn(ctx.app, String(body['email']));
    const me = await patient.inject('GET', '/api/auth/session');
    const patientId = me.json<{ session: { user: { patientId: string } } }>().session.user.patientId;
    const record = await patient.inject('GET', `/api/patients/${patientId}`);
    const mrn = record.json<{ mrn: string }>().mrn;
    expect(parseMrn(mrn).ok).toBe(true);
    expect(mail[0]?.text).not.toContain(mrn); // like every email: no record numbers
    const row = await ctx.database.db
      .selectFrom('patients')
      .select(['address_country', 'preferred_language', 'sex'])
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ address_country: 'BR', preferred_language: 'pt', sex: 'female' });
  });

  it('rejects bad input with a field error for each problem, storing nothing', async () => {
    const before = await ctx.database.db.selectFrom('registrations').select('id').execute();
    const future = await register(person({ birthDate: '2999-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(fields(future.body)).toContain('birthDate');

    const missing = await register({ organizationId: ctx.orgId });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing.body)).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'birthDate', 'addressCountry', 'email', 'payment']),
    );

    const country = await register(person({ addressCountry: 'XX' }));
    expect(country.statusCode).toBe(400);
    expect(fields(country.body)).toContain('addressCountry');

    const insurance = await register(person({ payment: 'insurance' }));
    expect(fields(insurance.body)).toEqual(expect.arrayContaining(['payerName', 'memberId']));

    const org = await register(person({ organizationId: '00000000-0000-4000-8000-000000000000' }));
    expect(fields(org.body)).toContain('organizationId');

    const after = await ctx.database.db.selectFrom('registrations').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('duplicate registrations', () => {
  async function existing() {
    const body = person({ familyName: uniq('Gonçalves'), email: `${uniq('dup')}@test.example` });
    const first = await register(body);
    expect(await statusOf(first.json<{ id: string }>().id)).toBe('registered');
    return body;
  }

  const patientCount = async () =>
    (await ctx.database.db.selectFrom('patients').select('id').where('organization_id', '=', ctx.orgId).execute())
      .length;

  it('holds a matching registration for review instead of creating a second record', async () => {
    const body = await existing();
    const count = await patientCount();
    // Different case, no accent, email typed in capitals: still the same person.
    const again = await register({
      ...body,
      givenName: 'ANA',
      familyName: String(body['familyName']).replace('ç', 'c').toUpperCase(),
      email: String(body['email']).toUpperCase(),
    });
    expect(again.statusCode).toBe(201);
    expect(await statusOf(again.json<{ id: string }>().id)).toBe('possible_duplicate');
    expect(await patientCount()).toBe(count);

    const queue = await staff.inject('GET', '/api/registrations');
    const item = queue
      .json<{ registrations: { id: string; candidates: { mrn: string }[] }[] }>()
      .registrations.find((r) => r.id === again.json<{ id: string }>().id);
    expect(item?.candidates).toHaveLength(1);
  });

  it('answers a match exactly as a new patient, and tells the person by email what happens next', async () => {
    const body = await existing();
    const fresh = person();
    const key = randomUUID();
    const held = await register(body, { 'idempotency-key': key });
    const created = await register(fresh);
    const shape = (r: { statusCode: number; body: string }) => {
      const { id, ...rest } = JSON.parse(r.body) as Record<string, unknown>;
      return { http: r.statusCode, id: typeof id, ...rest };
    };
    expect(shape(held)).toEqual(shape(created));
    expect(shape(held)).toEqual({ http: 201, id: 'string', status: 'received', mrn: null, patientId: null });
    expect(await statusOf(held.json<{ id: string }>().id)).toBe('possible_duplicate');
    expect(await statusOf(created.json<{ id: string }>().id)).toBe('registered');
    // In the language they registered in (Portuguese): a possible record, what comes next, no code.
    const heldMail = (await outboxFor(ctx, String(body['email']))).at(-1)?.text ?? '';
    expect(heldMail).toContain('Parece que você já pode ter um prontuário conosco');
    expect(heldMail).toContain('/forgot-password');
    expect(heldMail).not.toMatch(/digite este código de ativação/i);
    const freshMail = (await outboxFor(ctx, String(fresh['email']))).at(-1)?.text ?? '';
    expect(freshMail).toMatch(/digite este código de ativação/i);
    // A retry with the same key replays the same answer and sends no second email.
    const sent = (await outboxFor(ctx, String(body['email']))).length;
    const retry = await register(body, { 'idempotency-key': key });
    expect(retry.headers['idempotent-replayed']).toBeDefined();
    expect(retry.json()).toEqual(held.json());
    expect(await outboxFor(ctx, String(body['email']))).toHaveLength(sent);
  });

  it('staff registering from a call still see the match', async () => {
    const body = await existing();
    const res = await registerByStaff(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'possible_duplicate', mrn: null, patientId: null });
  });

  it('matches on phone when the email differs; a different birth date is a new patient', async () => {
    const body = await existing();
    const byPhone = await register({ ...body, email: `${uniq('other')}@test.example`, phone: '+55 (11) 91234-5678' });
    expect(await statusOf(byPhone.json<{ id: string }>().id)).toBe('possible_duplicate');
    const otherDay = await register({ ...body, birthDate: '1971-07-01' });
    expect(await statusOf(otherDay.json<{ id: string }>().id)).toBe('registered');
  });

  it('staff confirm a different person: a new record with its own MRN', async () => {
    const body = await existing();
    const dup = (await register(body)).json<{ id: string }>();
    const res = await staff.inject('POST', `/api/registrations/${dup.id}/confirm`);
    expect(res.statusCode).toBe(200);
    const reg = res.json<{ status: string; mrn: string; candidates: { mrn: string }[] }>();
    expect(reg.status).toBe('confirmed');
    expect(parseMrn(reg.mrn).ok).toBe(true);
    expect(reg.mrn).not.toBe(reg.candidates[0]?.mrn);
    const twice = await staff.inject('POST', `/api/registrations/${dup.id}/merge`, {
      patientId: (await staff.inject('GET', `/api/registrations/${dup.id}`)).json<{
        candidates: { patientId: string }[];
      }>().candidates[0]?.patientId,
    });
    expect(twice.statusCode).toBe(409);
    expect(await auditCount('registration.confirm', dup.id)).toBe(1);
  });

  it('staff merge into the existing record: the existing MRN is kept and the registrant is told to sign in', async () => {
    const body = await existing();
    const count = await patientCount();
    const dup = (await register(body)).json<{ id: string }>();
    const detail = (await staff.inject('GET', `/api/registrations/${dup.id}`)).json<{
      candidates: { patientId: string; mrn: string }[];
    }>();
    const target = detail.candidates[0];
    const stranger = await staff.inject('POST', `/api/registrations/${dup.id}/merge`, {
      patientId: '00000000-0000-4000-8000-000000000000',
    });
    expect(stranger.statusCode).toBe(400);
    const res = await staff.inject('POST', `/api/registrations/${dup.id}/merge`, { patientId: target?.patientId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'merged', patientId: target?.patientId, mrn: target?.mrn });
    expect(await patientCount()).toBe(count);
    const mail = await outboxFor(ctx, String(body['email']));
    // In the language the person registered in (Portuguese here), like every email to them.
    expect(mail.at(-1)?.text).toContain('Você já tem cadastro conosco');
    expect(mail.at(-1)?.text).not.toMatch(/digite este código de ativação/i);
    expect(await auditCount('registration.merge', dup.id)).toBe(1);
  });

  it("another organization's staff get a 404, and the attempt is audited", async () => {
    const body = await existing();
    const dup = (await register(body)).json<{ id: string }>();
    const otherOrg = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    for (const [method, url] of [
      ['GET', `/api/registrations/${dup.id}`],
      ['POST', `/api/registrations/${dup.id}/confirm`],
    ] as const) {
      expect((await outsider.inject(method, url)).statusCode).toBe(404);
    }
    const queue = await outsider.inject('GET', '/api/registrations');
    expect(queue.json<{ registrations: { id: string }[] }>().registrations.map((r) => r.id)).not.toContain(dup.id);
    expect(await auditCount('registration.read', dup.id, 'denied')).toBe(1);
    expect(await auditCount('registration.confirm', dup.id, 'denied')).toBe(1);
    const patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await patient.inject('GET', '/api/registrations')).statusCode).toBe(403);
  });
});

describe('staff registration from a call', () => {
  it('registers into the staff organization without an email, and returns the record id', async () => {
    const res = await staff.inject('POST', '/api/registrations', {
      ...person({ organizationId: undefined, email: null, phone: '617-555-0142', addressCountry: 'US' }),
      addressLine1: '1 Main St',
      addressCity: 'Boston',
      addressRegion: 'MA',
      addressPostalCode: '02114',
      payment: 'insurance',
      payerName: 'Harbor Health Plan',
      memberId: 'HHP-123456',
    });
    expect(res.statusCode).toBe(201);
    const result = res.json<{ status: string; patientId: string; mrn: string }>();
    expect(result.status).toBe('registered');
    const record = await staff.inject('GET', `/api/patients/${result.patientId}`);
    expect(record.json<{ mrn: string; organizationId: string }>()).toMatchObject({
      mrn: result.mrn,
      organizationId: ctx.orgId,
    });
    expect(await auditCount('patient.create', result.patientId)).toBe(1);
  });
});
