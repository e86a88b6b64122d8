import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Medication,
  MedicationList,
  PharmacyList,
  ProxyGrant,
  RefillQueue,
  RefillQueueItem,
  RefillRequest,
} from '@portico/contracts';
import { createTestContext, outboxFor, type TestContext, type TestUser } from './context.js';
import {
  addPharmacy,
  createPrescriber,
  createPrescription,
  medicationList,
  patientAgent,
  pharmacyBody,
  refillRowCount,
  refillsLeft,
} from './medications-fixtures.js';

let ctx: TestContext;
let doctor: Awaited<ReturnType<typeof createPrescriber>>;
beforeAll(async () => {
  ctx = await createTestContext();
  doctor = await createPrescriber(ctx);
});
afterAll(async () => ctx.close());

const patient = () => patientAgent(ctx);
const list = medicationList;
const byId = (l: MedicationList, id: string): Medication | undefined => l.medications.find((m) => m.id === id);
const refillsRemaining = (id: string) => refillsLeft(ctx, id);

describe('medications and refills', () => {
  it('lists medications with what can be refilled, and takes a refill from request to approval with the patient told', async () => {
    const p = await patient();
    const lisinopril = await createPrescription(ctx, p.id, doctor.clinicianId, { refills: 2 });
    const stopped = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Amlodipine', status: 'stopped' });
    const zolpidem = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Zolpidem', schedule: 'IV' });
    const empty = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Metformin', refills: 0 });
    const pharmacyId = await addPharmacy(p.agent, 'Harborside Pharmacy', true);

    const before = await list(p.agent);
    expect(before.medications.map((m) => m.name)).toEqual(['Lisinopril', 'Metformin', 'Zolpidem', 'Amlodipine']);
    expect(before.officePhone).toBe('617-555-0100');
    expect(byId(before, lisinopril)).toMatchObject({
      strength: '10 mg tablet',
      directions: 'Take 1 tablet by mouth once a day.',
      refillsRemaining: 2,
      prescriber: { id: doctor.clinicianId },
      refill: { eligible: true },
    });
    expect(byId(before, stopped)?.refill).toMatchObject({ eligible: false, reason: 'medication_not_active' });
    expect(byId(before, zolpidem)?.refill).toMatchObject({
      eligible: false,
      reason: 'controlled_substance_not_online',
      phone: '617-555-0100',
    });
    expect(byId(before, empty)?.refill).toMatchObject({ eligible: false, reason: 'no_refills_remaining' });

    const sent = await p.agent.inject('POST', `/api/medications/${lisinopril}/refill-requests`, {
      pharmacyId,
      note: 'Running low after a trip.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const request = sent.json<RefillRequest>();
    expect(request).toMatchObject({ status: 'requested', medicationName: 'Lisinopril', decidedAt: null });
    expect(request.pharmacy.name).toBe('Harborside Pharmacy');
    const waiting = await list(p.agent);
    expect(byId(waiting, lisinopril)?.refill.reason).toBe('refill_already_requested');
    expect(waiting.requests.map((r) => [r.id, r.status])).toEqual([[request.id, 'requested']]);

    const again = await p.agent.inject('POST', `/api/medications/${lisinopril}/refill-requests`, { pharmacyId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'refill_already_requested' });
    expect(await refillRowCount(ctx, p.id)).toBe(1);

    const queue = (await doctor.agent.inject('GET', '/api/refill-queue')).json<RefillQueue>();
    const item = queue.requests.find((r) => r.id === request.id);
    expect(item).toMatchObject({
      mine: 'prescriber',
      canDecide: true,
      note: 'Running low after a trip.',
      patient: { id: p.id },
      refillsRemaining: 2,
      pharmacyDetails: { city: 'Boston', state: 'MA', phone: '617-555-0123' },
    });

    const approved = await doctor.agent.inject('POST', `/api/refill-requests/${request.id}/decision`, {
      decision: 'approve',
      quantity: 30,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<RefillQueueItem>()).toMatchObject({ status: 'approved', approvedQuantity: 30 });
    expect(await refillsRemaining(lisinopril)).toBe(1);
    const twice = await doctor.agent.inject('POST', `/api/refill-requests/${request.id}/decision`, {
      decision: 'deny',
      reason: 'Changed my mind',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'refill_already_decided' });
    expect(await refillsRemaining(lisinopril)).toBe(1);

    await ctx.services.jobs.runDue('test');
    const mail = await outboxFor(ctx, p.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('There is an update in Portico');
    expect(mail[0]?.text).toContain('/medications');
    expect(mail[0]?.text).not.toMatch(/lisinopril|approved|refill/i);

    const after = await list(p.agent);
    const seen = after.requests.find((r) => r.id === request.id);
    expect(seen).toMatchObject({
      status: 'approved',
      approvedQuantity: 30,
      decidedBy: expect.stringContaining('Test'),
    });
    expect(seen?.decidedAt).not.toBeNull();
    expect(byId(after, lisinopril)).toMatchObject({ refillsRemaining: 1, refill: { eligible: true } });
    // 30 of 90 tablets approved today: the supply counts from today for 30 days.
    expect(byId(after, lisinopril)?.runsOutOn).not.toBeNull();

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('patient_id', '=', p.id)
      .where('action', 'like', 'refill.%')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining(['refill.request:allowed', 'refill.request:failed', 'refill.decide:allowed']),
    );
  });

  it('refuses a refill for a medication that is not theirs or not active, or to a pharmacy not theirs, storing nothing', async () => {
    const p = await patient();
    const other = await patient();
    const pharmacyId = await addPharmacy(p.agent);
    const theirs = await createPrescription(ctx, other.id, doctor.clinicianId);
    const stopped = await createPrescription(ctx, p.id, doctor.clinicianId, { status: 'stopped' });
    const onHold = await createPrescription(ctx, p.id, doctor.clinicianId, { status: 'on-hold' });
    const controlled = await createPrescription(ctx, p.id, doctor.clinicianId, { schedule: 'II' });
    const noRefills = await createPrescription(ctx, p.id, doctor.clinicianId, { refills: 0 });
    const fine = await createPrescription(ctx, p.id, doctor.clinicianId);
    const ask = (id: string, body: object = { pharmacyId }) =>
      p.agent.inject('POST', `/api/medications/${id}/refill-requests`, body);

    const notTheirs = await ask(theirs);
    expect(notTheirs.statusCode).toBe(404);
    expect(notTheirs.json()).toMatchObject({ code: 'not_found' });
    for (const [id, code] of [
      [stopped, 'medication_not_active'],
      [onHold, 'medication_not_active'],
      [controlled, 'controlled_substance_not_online'],
      [noRefills, 'no_refills_remaining'],
    ] as const) {
      const res = await ask(id);
      expect(res.statusCode, code).toBe(422);
      expect(res.json<{ code: string; detail: string }>()).toMatchObject({ code });
    }
    expect((await ask(controlled)).json()).toMatchObject({ helpPhone: '617-555-0100' });

    const othersPharmacy = await addPharmacy(other.agent);
    const wrongPharmacy = await ask(fine, { pharmacyId: othersPharmacy });
    expect(wrongPharmacy.statusCode).toBe(422);
    expect(wrongPharmacy.json()).toMatchObject({ code: 'pharmacy_not_available', errors: [{ field: 'pharmacyId' }] });
    expect((await p.agent.inject('DELETE', `/api/pharmacies/${pharmacyId}`)).statusCode).toBe(204);
    expect((await ask(fine)).json()).toMatchObject({ code: 'pharmacy_not_available' });
    expect((await ask(fine, { pharmacyId: 'not-a-uuid' })).statusCode).toBe(400);
    expect((await ask(fine, { pharmacyId, extra: true })).statusCode).toBe(400);

    expect(await refillRowCount(ctx, p.id)).toBe(0);
    expect(await refillRowCount(ctx, other.id)).toBe(0);
    expect((await p.agent.inject('GET', `/api/medications/${theirs}`)).statusCode).toBe(404);
  });

  it('asks twice at the same moment: one request is stored, the other is told it is already waiting', async () => {
    const p = await patient();
    const pharmacyId = await addPharmacy(p.agent);
    const med = await createPrescription(ctx, p.id, doctor.clinicianId);
    const results = await Promise.all(
      [1, 2, 3].map(() => p.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await refillRowCount(ctx, p.id)).toBe(1);
  });

  it('lets the patient withdraw a waiting request and ask again', async () => {
    const p = await patient();
    const pharmacyId = await addPharmacy(p.agent);
    const med = await createPrescription(ctx, p.id, doctor.clinicianId);
    const first = (
      await p.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId })
    ).json<RefillRequest>();
    const cancelled = await p.agent.inject('POST', `/api/refill-requests/${first.id}/cancel`);
    expect(cancelled.json<RefillRequest>()).toMatchObject({ status: 'cancelled' });
    expect((await p.agent.inject('POST', `/api/refill-requests/${first.id}/cancel`)).statusCode).toBe(409);
    const decide = await doctor.agent.inject('POST', `/api/refill-requests/${first.id}/decision`, {
      decision: 'approve',
    });
    expect(decide.statusCode).toBe(409);
    const second = await p.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId });
    expect(second.statusCode).toBe(201);
    const stranger = await patient();
    expect((await stranger.agent.inject('POST', `/api/refill-requests/${first.id}/cancel`)).statusCode).toBe(404);
  });

  it('checks every pharmacy field, keeps one preferred, hides a removed one and keeps others out (404)', async () => {
    const p = await patient();
    const bad = await p.agent.inject('POST', '/api/pharmacies', {
      ...pharmacyBody(),
      name: ' ',
      state: 'Massachusetts',
      postalCode: '2109',
      phone: 'call me',
      ncpdpId: '12',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'name',
      'state',
      'postalCode',
      'phone',
      'ncpdpId',
    ]);

    const first = await addPharmacy(p.agent, 'Corner Drug', true);
    const second = await addPharmacy(p.agent, 'Beacon Pharmacy', true);
    const listed = (await p.agent.inject('GET', '/api/pharmacies')).json<PharmacyList>().pharmacies;
    expect(listed.map((ph) => [ph.name, ph.preferred])).toEqual([
      ['Beacon Pharmacy', true],
      ['Corner Drug', false],
    ]);
    const edited = await p.agent.inject('PUT', `/api/pharmacies/${first}`, {
      ...pharmacyBody('Corner Drug'),
      state: 'ma',
      ncpdpId: '1234567',
      preferred: true,
    });
    expect(edited.json()).toMatchObject({ state: 'MA', ncpdpId: '1234567', preferred: true });

    const stranger = await patient();
    expect((await stranger.agent.inject('PUT', `/api/pharmacies/${first}`, pharmacyBody())).statusCode).toBe(404);
    expect((await stranger.agent.inject('DELETE', `/api/pharmacies/${first}`)).statusCode).toBe(404);
    expect((await p.agent.inject('DELETE', `/api/pharmacies/${second}`)).statusCode).toBe(204);
    const left = (await p.agent.inject('GET', '/api/pharmacies')).json<PharmacyList>().pharmacies;
    expect(left.map((ph) => ph.id)).toEqual([first]);
  });

  it("never shows another patient's medications, keeps a proxy without the medications area out, and a revoked proxy loses access at once", async () => {
    const owner = await patient();
    const med = await createPrescription(ctx, owner.id, doctor.clinicianId, { name: 'Warfarin' });
    const pharmacyId = await addPharmacy(owner.agent);

    const stranger = await patient();
    expect((await stranger.agent.inject('GET', `/api/medications/${med}`)).statusCode).toBe(404);
    expect((await list(stranger.agent)).medications).toEqual([]);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'medication.read')
      .where('entity_id', '=', med)
      .where('actor_user_id', '=', stranger.user.id)
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');

    const share = async (who: TestUser, areas: string[]) => {
      const res = await owner.agent.inject('POST', '/api/proxies', {
        email: who.email,
        relationship: 'child',
        access: 'limited',
        areas,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<ProxyGrant>();
    };
    const limited = await patient();
    await share(limited.user, ['appointments', 'results']);
    await limited.agent.inject('PUT', '/api/records/current', { patientId: owner.id });
    for (const [method, url, body] of [
      ['GET', '/api/medications', undefined],
      ['GET', `/api/medications/${med}`, undefined],
      ['POST', `/api/medications/${med}/refill-requests`, { pharmacyId }],
      ['GET', '/api/pharmacies', undefined],
      ['POST', '/api/pharmacies', pharmacyBody()],
    ] as const) {
      const res = await limited.agent.inject(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
    }

    const helper = await patient();
    const grant = await share(helper.user, ['medications']);
    await helper.agent.inject('PUT', '/api/records/current', { patientId: owner.id });
    expect((await list(helper.agent)).medications.map((m) => m.id)).toEqual([med]);
    const sent = await helper.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId });
    expect(sent.statusCode, sent.body).toBe(201);
    const request = sent.json<RefillRequest>();
    expect(request.requestedBy).toBe('Test patient');
    const requestedBy = await ctx.database.db
      .selectFrom('refill_requests')
      .select('requested_by')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(requestedBy.requested_by).toBe(helper.user.id);
    await doctor.agent.inject('POST', `/api/refill-requests/${request.id}/decision`, { decision: 'approve' });
    await ctx.services.jobs.runDue('test');
    // The proxy who asked hears about the answer too (no medication named).
    expect((await outboxFor(ctx, helper.user.email)).map((m) => m.subject)).toEqual(['There is an update in Portico']);
    expect(await outboxFor(ctx, owner.user.email)).toHaveLength(1);

    expect((await owner.agent.inject('DELETE', `/api/proxies/${grant.id}`)).statusCode).toBe(204);
    expect((await helper.agent.inject('GET', `/api/medications/${med}`)).statusCode).toBe(404);
    expect((await list(helper.agent)).medications).toEqual([]);
    expect((await helper.agent.inject('GET', '/api/pharmacies')).json<PharmacyList>().pharmacies).toEqual([]);
    const late = await helper.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId });
    expect(late.statusCode).toBe(404);
  });
});
