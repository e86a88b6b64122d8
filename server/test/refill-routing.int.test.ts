import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefillQueue, RefillQueueItem, RefillRequest } from '@portico/contracts';
import { createOrganization, createTestContext, createUser, signIn, uniq, type TestContext } from './context.js';
import {
  addPharmacy,
  createPrescriber,
  createPrescription,
  medicationList,
  patientAgent,
} from './medications-fixtures.js';

// Issue 17: a refill whose prescriber is not available goes to the patient's primary care
// clinician, or else the care team pool; the patient is told who before sending.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.database.db
    .insertInto('service_lines')
    .values({ code: 'primary-care', name: 'Primary Care' })
    .onConflict((oc) => oc.doNothing())
    .execute();
});
afterAll(async () => ctx?.close());

const db = () => ctx.database.db;
const setPcp = (patientId: string, clinicianId: string | null) =>
  db().updateTable('patients').set({ primary_care_clinician_id: clinicianId }).where('id', '=', patientId).execute();

async function ask(agent: Awaited<ReturnType<typeof patientAgent>>['agent'], medicationId: string) {
  const pharmacyId = await addPharmacy(agent, uniq('Pharmacy'));
  const res = await agent.inject('POST', `/api/medications/${medicationId}/refill-requests`, { pharmacyId });
  expect(res.statusCode).toBe(201);
  return res.json<RefillRequest>();
}

const queueItem = async (agent: Awaited<ReturnType<typeof signIn>>, id: string) =>
  (await agent.inject('GET', '/api/refill-queue')).json<RefillQueue>().requests.find((r) => r.id === id);

describe('who answers a refill request', () => {
  it('is the prescriber while they are available', async () => {
    const doctor = await createPrescriber(ctx);
    const p = await patientAgent(ctx);
    const med = await createPrescription(ctx, p.id, doctor.clinicianId);
    const listed = (await medicationList(p.agent)).medications.find((m) => m.id === med);
    const name = listed?.prescriber.name ?? '';
    expect(listed?.refillAnsweredBy).toEqual({ kind: 'prescriber', name });
    const sent = await ask(p.agent, med);
    expect(await queueItem(doctor.agent, sent.id)).toMatchObject({
      mine: 'prescriber',
      canDecide: true,
      answeredBy: { kind: 'prescriber', name },
    });
  });

  it("goes to the patient's primary care clinician when the prescriber has left, and only they (or their pool) decide", async () => {
    const leaving = await createPrescriber(ctx);
    const pcp = await createPrescriber(ctx);
    const p = await patientAgent(ctx);
    await setPcp(p.id, pcp.clinicianId);
    const med = await createPrescription(ctx, p.id, leaving.clinicianId, { name: 'Metformin' });
    await db().updateTable('clinicians').set({ active: false }).where('id', '=', leaving.clinicianId).execute();

    const listed = (await medicationList(p.agent)).medications.find((m) => m.id === med);
    const pcpName = (
      await db()
        .selectFrom('clinicians')
        .select(['given_name', 'family_name'])
        .where('id', '=', pcp.clinicianId)
        .executeTakeFirstOrThrow()
    ).given_name;
    expect(listed?.refillAnsweredBy.kind).toBe('primary_care');
    expect(listed?.refillAnsweredBy.name).toContain(pcpName);

    const sent = await ask(p.agent, med);
    const mine = await queueItem(pcp.agent, sent.id);
    expect(mine).toMatchObject({ mine: 'prescriber', canDecide: true, answeredBy: { kind: 'primary_care' } });
    // The clinician who left (still signed in somewhere) can no longer decide it.
    const refused = await leaving.agent.inject('POST', `/api/refill-requests/${sent.id}/decision`, {
      decision: 'approve',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toContain(pcpName);
    const approved = await pcp.agent.inject('POST', `/api/refill-requests/${sent.id}/decision`, {
      decision: 'approve',
    });
    expect(approved.json<RefillQueueItem>()).toMatchObject({ status: 'approved' });
  });

  it('goes to the care team pool when the prescriber moved to another organization and there is no primary care clinician', async () => {
    const moved = await createPrescriber(ctx);
    const p = await patientAgent(ctx);
    await setPcp(p.id, null);
    const med = await createPrescription(ctx, p.id, moved.clinicianId, { name: 'Levothyroxine' });
    const elsewhere = await createOrganization(ctx.database);
    await db()
      .updateTable('clinicians')
      .set({ organization_id: elsewhere })
      .where('id', '=', moved.clinicianId)
      .execute();
    const nurse = await createUser(ctx, 'staff');
    const pool = await db()
      .insertInto('message_pools')
      .values({ organization_id: ctx.orgId, name: uniq('Primary Care nurses'), service_line_code: 'primary-care' })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await db().insertInto('message_pool_members').values({ pool_id: pool.id, user_id: nurse.id }).execute();

    const listed = (await medicationList(p.agent)).medications.find((m) => m.id === med);
    expect(listed?.refillAnsweredBy).toEqual({ kind: 'care_team', name: pool.name });
    const sent = await ask(p.agent, med);
    const nurseAgent = await signIn(ctx.app, nurse.email);
    expect(await queueItem(nurseAgent, sent.id)).toMatchObject({
      mine: 'pool',
      canDecide: true,
      answeredBy: { kind: 'care_team', name: pool.name },
    });
    const denied = await nurseAgent.inject('POST', `/api/refill-requests/${sent.id}/decision`, {
      decision: 'visit',
      reason: 'Please book a visit with your new clinician first.',
    });
    expect(denied.json<RefillQueueItem>()).toMatchObject({ status: 'visit-needed' });
  });
});
