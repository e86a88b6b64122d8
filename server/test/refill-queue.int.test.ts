import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefillQueue, RefillQueueItem, RefillRequest } from '@portico/contracts';
import { createOrganization, createTestContext, createUser, signIn, type TestContext } from './context.js';
import {
  addPharmacy,
  createCardiacPool,
  createPrescriber,
  createPrescription,
  medicationList,
  patientAgent,
  refillsLeft,
} from './medications-fixtures.js';

/** The care team's side of refills: who may decide, what a decision needs, and the queue's order. */
let ctx: TestContext;
let doctor: Awaited<ReturnType<typeof createPrescriber>>;
beforeAll(async () => {
  ctx = await createTestContext();
  doctor = await createPrescriber(ctx);
});
afterAll(async () => ctx.close());

const patient = () => patientAgent(ctx);
const refillsRemaining = (id: string) => refillsLeft(ctx, id);

describe('the refill queue', () => {
  it('lets only the prescriber or their pool decide; a denial or a visit needs a reason; other organizations see nothing', async () => {
    const p = await patient();
    const pharmacyId = await addPharmacy(p.agent);
    const medA = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Atorvastatin' });
    const medB = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Metoprolol' });
    const ask = async (med: string) =>
      (await p.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId })).json<RefillRequest>();
    const a = await ask(medA);
    const b = await ask(medB);

    const colleague = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
    const theirQueue = (await colleague.inject('GET', '/api/refill-queue')).json<RefillQueue>();
    expect(theirQueue.requests.find((r) => r.id === a.id)).toMatchObject({ mine: null, canDecide: false });
    const refused = await colleague.inject('POST', `/api/refill-requests/${a.id}/decision`, { decision: 'approve' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not_refill_prescriber' });

    const nurse = await createUser(ctx, 'staff');
    await createCardiacPool(ctx, [nurse.id]);
    const nurseAgent = await signIn(ctx.app, nurse.email);
    const nurseQueue = (await nurseAgent.inject('GET', '/api/refill-queue')).json<RefillQueue>();
    expect(nurseQueue.requests.find((r) => r.id === a.id)).toMatchObject({ mine: 'pool', canDecide: true });
    const noReason = await nurseAgent.inject('POST', `/api/refill-requests/${a.id}/decision`, {
      decision: 'deny',
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reason' }] });
    const denied = await nurseAgent.inject('POST', `/api/refill-requests/${a.id}/decision`, {
      decision: 'deny',
      reason: 'Your cholesterol medicine was changed at your last visit.',
    });
    expect(denied.json<RefillQueueItem>()).toMatchObject({ status: 'denied', approvedQuantity: null });

    expect(
      (await doctor.agent.inject('POST', `/api/refill-requests/${b.id}/decision`, { decision: 'visit' })).statusCode,
    ).toBe(422);
    const visit = await doctor.agent.inject('POST', `/api/refill-requests/${b.id}/decision`, {
      decision: 'visit',
      reason: 'We need to check your blood pressure first.',
    });
    expect(visit.json<RefillQueueItem>()).toMatchObject({ status: 'visit-needed' });
    expect(await refillsRemaining(medA)).toBe(3);
    expect(await refillsRemaining(medB)).toBe(3);

    const seen = (await medicationList(p.agent)).requests;
    expect(seen.find((r) => r.id === a.id)).toMatchObject({
      status: 'denied',
      reason: 'Your cholesterol medicine was changed at your last visit.',
    });
    expect(seen.find((r) => r.id === b.id)).toMatchObject({
      status: 'visit-needed',
      reason: 'We need to check your blood pressure first.',
    });

    const c = await ask(medA);
    const elsewhere = await createOrganization(ctx.database);
    const outsider = await createPrescriber(ctx, elsewhere);
    expect((await outsider.agent.inject('GET', '/api/refill-queue')).json<RefillQueue>().requests).toEqual([]);
    const foreign = await outsider.agent.inject('POST', `/api/refill-requests/${c.id}/decision`, {
      decision: 'approve',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await p.agent.inject('GET', '/api/refill-queue')).statusCode).toBe(403);
    expect((await doctor.agent.inject('GET', '/api/medications')).statusCode).toBe(403);
  });

  it("puts the caller's own patients' requests first, then the oldest", async () => {
    const p = await patient();
    const pharmacyId = await addPharmacy(p.agent);
    const other = await createPrescriber(ctx);
    const theirs = await createPrescription(ctx, p.id, other.clinicianId, { name: 'Older, not mine' });
    const mine = await createPrescription(ctx, p.id, doctor.clinicianId, { name: 'Newer, mine' });
    for (const med of [theirs, mine]) {
      const res = await p.agent.inject('POST', `/api/medications/${med}/refill-requests`, { pharmacyId });
      expect(res.statusCode).toBe(201);
    }
    const queue = (await doctor.agent.inject('GET', '/api/refill-queue')).json<RefillQueue>().requests;
    const names = queue.filter((r) => r.patient.id === p.id).map((r) => [r.medicationName, r.mine]);
    expect(names).toEqual([
      ['Newer, mine', 'prescriber'],
      ['Older, not mine', null],
    ]);
    const firstNotMine = queue.findIndex((r) => r.mine === null);
    expect(queue.slice(firstNotMine).every((r) => r.mine === null)).toBe(true);
  });
});
