import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_JOB } from '../src/lib/idempotency.js';
import { createTestContext, createUser, outboxFor, signIn, uniq, type Agent, type TestContext } from './context.js';
import { addPharmacy, createPrescriber, createPrescription } from './medications-fixtures.js';
import { ensureDepartment, newRequest } from './opinions-fixtures.js';
import { clinicTime, countAppointments, createClinician } from './scheduling-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type Body = Record<string, unknown>;

/** POST as the agent (or anonymously) with an Idempotency-Key. */
function post(agent: Agent | null, url: string, key: string, payload: Body): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: {
      'idempotency-key': key,
      ...(agent ? { cookie: agent.cookie, 'x-csrf-token': agent.csrf } : {}),
    },
    payload,
  });
}

async function signedInPatient(): Promise<{ agent: Agent; patientId: string; userId: string; email: string }> {
  const u = await createUser(ctx, 'patient');
  return { agent: await signIn(ctx.app, u.email), patientId: u.patientId ?? '', userId: u.id, email: u.email };
}

const count = async (
  table: 'message_threads' | 'refill_requests' | 'billing_disputes' | 'second_opinion_requests',
  patientId: string,
): Promise<number> =>
  (await ctx.database.db.selectFrom(table).select('id').where('patient_id', '=', patientId).execute()).length;

/** One create a client may retry, and how to see what it made. */
interface RetrySafeCreate {
  agent: Agent | null;
  url: string;
  /** A valid body, and another valid body for a second, independent create (the concurrent pair). */
  first: Body;
  second: Body;
  /** A body that differs from `first`, for the reused-key check. */
  other: Body;
  /** How many of these exist for the caller, counted in the database. */
  made(): Promise<number>;
}

/**
 * The contract every retry-safe create keeps: the first call creates (201); the same key and body
 * again replays the same status and body, marked `idempotent-replayed`, and creates nothing; the
 * same key with another body is a 422 `idempotency_key_reused`; two identical requests at once
 * create exactly one.
 */
async function expectRetrySafe(c: RetrySafeCreate): Promise<void> {
  const before = await c.made();
  const key = randomUUID();
  const created = await post(c.agent, c.url, key, c.first);
  expect(created.statusCode, created.body).toBe(201);
  expect(created.headers['idempotent-replayed']).toBeUndefined();
  expect(await c.made()).toBe(before + 1);

  // The same request, its members in another order (a client that rebuilt the body).
  const reordered = Object.fromEntries(Object.entries(c.first).reverse());
  const replayed = await post(c.agent, c.url, key, reordered);
  expect(replayed.statusCode, replayed.body).toBe(201);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect(replayed.json()).toEqual(created.json());
  expect(await c.made()).toBe(before + 1);

  const reused = await post(c.agent, c.url, key, c.other);
  expect(reused.statusCode, reused.body).toBe(422);
  expect(reused.headers['content-type']).toContain('application/problem+json');
  expect(reused.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  expect(await c.made()).toBe(before + 1);

  const twinKey = randomUUID();
  const twins = await Promise.all([post(c.agent, c.url, twinKey, c.second), post(c.agent, c.url, twinKey, c.second)]);
  expect(twins.map((t) => t.statusCode)).toEqual([201, 201]);
  expect(twins[0]?.json()).toEqual(twins[1]?.json());
  expect(twins.filter((t) => t.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
  expect(await c.made()).toBe(before + 2);
}

/** A charge for a past visit on the patient's bill, straight into the database (how it got there does not matter here). */
async function chargeLine(patientId: string): Promise<string> {
  const db = ctx.database.db;
  const clinician = await createClinician(ctx);
  const start = new Date(Date.now() - 3 * 3_600_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const appointment = await db
    .insertInto('appointments')
    .values({
      organization_id: ctx.orgId,
      clinician_id: clinician.id,
      patient_id: patientId,
      visit_type_id: clinician.followUpId,
      mode: 'video',
      status: 'fulfilled',
      start_at: start,
      end_at: end,
      busy_until: end,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const encounter = await db
    .insertInto('encounters')
    .values({
      appointment_id: appointment.id,
      organization_id: ctx.orgId,
      patient_id: patientId,
      clinician_id: clinician.id,
      status: 'finished',
      outcome: 'completed_video',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('ledger_entries')
    .values({
      organization_id: ctx.orgId,
      patient_id: patientId,
      entry_type: 'charge',
      amount_cents: 4000,
      encounter_id: encounter.id,
      applies_to: null,
      payment_id: null,
      rule_set_id: null,
      rule_code: 'telehealth_fee',
      rule_params: '{}',
      explanation: 'Telehealth fee for a video visit.',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function person(over: Body = {}): Body {
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

const registrationsFor = async (familyNames: string[]): Promise<number> =>
  (await ctx.database.db.selectFrom('registrations').select('id').where('family_name', 'in', familyNames).execute())
    .length;

describe('every create a client may retry', () => {
  it('a new message thread', async () => {
    const p = await signedInPatient();
    const clinician = await createClinician(ctx);
    const thread = (subject: string) => ({
      topic: 'question',
      subject,
      body: 'Is it fine to walk?',
      clinicianId: clinician.id,
    });
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/messages/threads',
      first: thread('After my knee surgery'),
      second: thread('About my next visit'),
      other: thread('Something else entirely'),
      made: () => count('message_threads', p.patientId),
    });
  });

  it('a message with attachments: the files are part of the request', async () => {
    const p = await signedInPatient();
    const clinician = await createClinician(ctx);
    const message = { topic: 'question', subject: 'My rash', body: 'Photo attached.', clinicianId: clinician.id };
    const png = (marker: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, marker]);
    const send = (key: string, file: Buffer) => {
      const boundary = `----portico${randomUUID()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(message)}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="rash.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return ctx.app.inject({
        method: 'POST',
        url: '/api/messages/threads',
        headers: {
          cookie: p.agent.cookie,
          'x-csrf-token': p.agent.csrf,
          'idempotency-key': key,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    };
    const key = randomUUID();
    const created = await send(key, png(13));
    expect(created.statusCode, created.body).toBe(201);
    const replayed = await send(key, png(13));
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(created.json());
    const otherFile = await send(key, png(14));
    expect(otherFile.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(await count('message_threads', p.patientId)).toBe(1);
  });

  it('a reply in a thread', async () => {
    const p = await signedInPatient();
    const clinician = await createClinician(ctx);
    const started = await post(p.agent, '/api/messages/threads', randomUUID(), {
      topic: 'question',
      subject: 'Follow-up',
      body: 'First message',
      clinicianId: clinician.id,
    });
    const threadId = started.json<{ id: string }>().id;
    await expectRetrySafe({
      agent: p.agent,
      url: `/api/messages/threads/${threadId}/messages`,
      first: { body: 'One more thing: the swelling is down.' },
      second: { body: 'And the pain is gone.' },
      other: { body: 'A different reply.' },
      made: async () =>
        (await ctx.database.db.selectFrom('messages').select('id').where('thread_id', '=', threadId).execute()).length,
    });
  });

  it('a refill request', async () => {
    const p = await signedInPatient();
    const prescriber = await createPrescriber(ctx);
    const first = await createPrescription(ctx, p.patientId, prescriber.clinicianId, { name: 'Lisinopril' });
    const second = await createPrescription(ctx, p.patientId, prescriber.clinicianId, { name: 'Metformin' });
    const pharmacyId = await addPharmacy(p.agent);
    const made = () => count('refill_requests', p.patientId);
    // Path ids are part of the request: the pair goes to the second prescription.
    const before = await made();
    const key = randomUUID();
    const url = `/api/medications/${first}/refill-requests`;
    const created = await post(p.agent, url, key, { pharmacyId, note: 'Running low' });
    expect(created.statusCode, created.body).toBe(201);
    const replayed = await post(p.agent, url, key, { pharmacyId, note: 'Running low' });
    expect(replayed.statusCode, replayed.body).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(created.json());
    const otherMedication = await post(p.agent, `/api/medications/${second}/refill-requests`, key, {
      pharmacyId,
      note: 'Running low',
    });
    expect(otherMedication.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    const otherNote = await post(p.agent, url, key, { pharmacyId, note: 'Another note' });
    expect(otherNote.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(await made()).toBe(before + 1);

    const twinKey = randomUUID();
    const twinUrl = `/api/medications/${second}/refill-requests`;
    const twins = await Promise.all([
      post(p.agent, twinUrl, twinKey, { pharmacyId }),
      post(p.agent, twinUrl, twinKey, { pharmacyId }),
    ]);
    expect(twins.map((t) => t.statusCode)).toEqual([201, 201]);
    expect(twins[0]?.json()).toEqual(twins[1]?.json());
    expect(twins.filter((t) => t.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(await made()).toBe(before + 2);
  });

  it('a billing dispute', async () => {
    const p = await signedInPatient();
    const lineA = await chargeLine(p.patientId);
    const lineB = await chargeLine(p.patientId);
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/billing/disputes',
      first: { lineId: lineA, reason: 'My plan covers video visits.' },
      second: { lineId: lineB, reason: 'I was never connected by video.' },
      other: { lineId: lineA, reason: 'A different reason.' },
      made: () => count('billing_disputes', p.patientId),
    });
  });

  it('a registration without an account (keys scoped by their hash alone)', async () => {
    const first = person();
    const second = person();
    await expectRetrySafe({
      agent: null,
      url: '/api/registrations',
      first,
      second,
      other: { ...first, phone: '+55 11 90000 0000' },
      made: () => registrationsFor([String(first['familyName']), String(second['familyName'])]),
    });
    // The replay answered from the store: one welcome email, not one per retry.
    expect(await outboxFor(ctx, String(first['email']))).toHaveLength(1);
  });

  it('a registration by staff (their own keys)', async () => {
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const first = person({ email: undefined });
    const second = person();
    await expectRetrySafe({
      agent: staff,
      url: '/api/registrations',
      first,
      second,
      other: { ...first, birthDate: '1972-01-01' },
      made: () => registrationsFor([String(first['familyName']), String(second['familyName'])]),
    });
  });

  it('a second-opinion request', async () => {
    const p = await signedInPatient();
    const department = await ensureDepartment(ctx);
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/second-opinions',
      first: { ...newRequest(department) },
      second: { ...newRequest(department, { condition: 'Atrial fibrillation' }) },
      other: { ...newRequest(department, { question: 'Another question?' }) },
      made: () => count('second_opinion_requests', p.patientId),
    });
  });

  it('a support request (Get help) and the thread it opens', async () => {
    const p = await signedInPatient();
    const supportRows = async () =>
      (
        await ctx.database.db
          .selectFrom('support_requests')
          .select('id')
          .where('patient_id', '=', p.patientId)
          .execute()
      ).length;
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/support-requests',
      first: { topic: 'visit', description: 'My camera is not found.' },
      second: { topic: 'account', description: 'I cannot change my password.' },
      other: { topic: 'visit', description: 'My microphone is silent.' },
      made: supportRows,
    });
    // One thread per request, never a second for a retry.
    expect(await count('message_threads', p.patientId)).toBe(await supportRows());
  });

  it('an international request', async () => {
    const p = await signedInPatient();
    await ctx.database.db
      .updateTable('patients')
      .set({ address_country: 'BR' })
      .where('id', '=', p.patientId)
      .execute();
    const profile = await p.agent.inject('PUT', '/api/international/profile', {
      country: 'BR',
      preferredLanguage: 'Portuguese',
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const interpreter = (summary: string) => ({ kind: 'interpreter', summary, details: { language: 'Portuguese' } });
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/international/requests',
      first: interpreter('Interpreter for my visits'),
      second: interpreter('Interpreter for my follow-up'),
      other: interpreter('Something else'),
      made: async () =>
        (
          await ctx.database.db
            .selectFrom('international_requests')
            .select('id')
            .where('patient_id', '=', p.patientId)
            .execute()
        ).length,
    });
  });

  it('a booking (moved onto the same helper)', async () => {
    const p = await signedInPatient();
    const clinician = await createClinician(ctx);
    const book = (start: string) => ({ clinicianId: clinician.id, visitTypeId: clinician.followUpId, start });
    await expectRetrySafe({
      agent: p.agent,
      url: '/api/appointments',
      first: book(clinicTime(9, '09:00')),
      second: book(clinicTime(9, '11:00')),
      other: book(clinicTime(9, '15:00')),
      made: () => countAppointments(ctx, clinician.id),
    });
  });
});

describe('what a key does not do', () => {
  it('a create refused inside its transaction keeps no key: the same key is judged afresh', async () => {
    const p = await signedInPatient();
    const line = await chargeLine(p.patientId);
    const free = await chargeLine(p.patientId);
    await post(p.agent, '/api/billing/disputes', randomUUID(), { lineId: line, reason: 'First question' });
    const key = randomUUID();
    const refused = await post(p.agent, '/api/billing/disputes', key, { lineId: line, reason: 'Second question' });
    expect(refused.json()).toMatchObject({ status: 409, code: 'dispute_already_open' });
    const fresh = await post(p.agent, '/api/billing/disputes', key, { lineId: free, reason: 'Second question' });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keys are per user: the same key from someone else (or no one) never replays another answer', async () => {
    const a = await signedInPatient();
    const b = await signedInPatient();
    const key = randomUUID();
    const body = { topic: 'visit', description: 'My camera is not found.' };
    const mine = await post(a.agent, '/api/support-requests', key, body);
    const theirs = await post(b.agent, '/api/support-requests', key, body);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);

    const registration = person();
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const byStaff = await post(staff, '/api/registrations', key, registration);
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    const anonymous = await post(null, '/api/registrations', key, registration);
    expect(anonymous.headers['idempotent-replayed']).toBeUndefined();
    expect(anonymous.json<{ id: string }>().id).not.toBe(byStaff.json<{ id: string }>().id);
  });

  it('without an account a key must be unguessable, and only its hash is stored', async () => {
    const short = await post(null, '/api/registrations', 'short-key-123', person());
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed' });
    expect(short.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['idempotency-key']);

    const key = randomUUID();
    expect((await post(null, '/api/registrations', key, person())).statusCode).toBe(201);
    const stored = await ctx.database.db
      .selectFrom('idempotent_requests')
      .select(['key_hash', 'user_id'])
      .where('operation', '=', 'registration.create')
      .where('user_id', 'is', null)
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((s) => s.key_hash)).not.toContain(key);
  });

  it('keys older than a day are forgotten by the purge', async () => {
    const p = await signedInPatient();
    const clinician = await createClinician(ctx);
    const key = randomUUID();
    const body = { topic: 'question', subject: 'Purge', body: 'Hello', clinicianId: clinician.id };
    const first = await post(p.agent, '/api/messages/threads', key, body);
    expect(first.statusCode).toBe(201);
    // Age only this user's key; the purge runs with the real clock.
    await ctx.database.db
      .updateTable('idempotent_requests')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('user_id', '=', p.userId)
      .execute();
    await ctx.services.jobs.enqueue({ kind: PURGE_JOB, payload: {} });
    await ctx.services.jobs.runDue('idempotency-test');
    const left = await ctx.database.db
      .selectFrom('idempotent_requests')
      .select('key_hash')
      .where('user_id', '=', p.userId)
      .execute();
    expect(left).toEqual([]);
    const later = await post(p.agent, '/api/messages/threads', key, body);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
  });
});
