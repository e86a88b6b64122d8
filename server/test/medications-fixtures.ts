import { expect } from 'vitest';
import type { MedicationList } from '@portico/contracts';
import type { ControlledSchedule, MedicationStatus } from '../src/db/tables/medications.js';
import { createUser, signIn, uniq, type Agent, type TestContext, type TestUser } from './context.js';
import { createClinician } from './scheduling-fixtures.js';

/** A prescribing clinician (cardiology) with a sign-in, in the test organization unless told otherwise. */
export async function createPrescriber(
  ctx: TestContext,
  orgId = ctx.orgId,
): Promise<{ clinicianId: string; userId: string; email: string; agent: Agent }> {
  const clinician = await createClinician(ctx, { orgId });
  const user = await createUser(ctx, 'clinician', { orgId });
  await ctx.database.db.updateTable('clinicians').set({ user_id: user.id }).where('id', '=', clinician.id).execute();
  return { clinicianId: clinician.id, userId: user.id, email: user.email, agent: await signIn(ctx.app, user.email) };
}

/** A care-team pool of the cardiac service line with these members. */
export async function createCardiacPool(ctx: TestContext, memberIds: string[], orgId = ctx.orgId): Promise<string> {
  const pool = await ctx.database.db
    .insertInto('message_pools')
    .values({ organization_id: orgId, name: uniq('Cardiology nurses'), service_line_code: 'cardiac' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.database.db
    .insertInto('message_pool_members')
    .values(memberIds.map((user_id) => ({ pool_id: pool.id, user_id })))
    .execute();
  return pool.id;
}

export interface PrescriptionOptions {
  name?: string;
  strength?: string;
  status?: MedicationStatus;
  refills?: number;
  authorized?: number;
  schedule?: ControlledSchedule | null;
  quantity?: number;
  daysSupply?: number | null;
  lastFilledOn?: string | null;
  orgId?: string;
}

/** A prescription on a patient's list, straight into the database (prescribing is not a portal feature). */
export async function createPrescription(
  ctx: TestContext,
  patientId: string,
  prescriberId: string,
  o: PrescriptionOptions = {},
): Promise<string> {
  const refills = o.refills ?? 3;
  const row = await ctx.database.db
    .insertInto('medication_requests')
    .values({
      organization_id: o.orgId ?? ctx.orgId,
      patient_id: patientId,
      prescriber_id: prescriberId,
      medication_name: o.name ?? 'Lisinopril',
      strength: o.strength ?? '10 mg tablet',
      directions: 'Take 1 tablet by mouth once a day.',
      quantity: o.quantity ?? 90,
      quantity_unit: 'tablets',
      days_supply: o.daysSupply === undefined ? 90 : o.daysSupply,
      refills_authorized: Math.max(o.authorized ?? 3, refills),
      refills_remaining: refills,
      last_filled_on: o.lastFilledOn === undefined ? null : o.lastFilledOn,
      status: o.status ?? 'active',
      controlled_schedule: o.schedule ?? null,
      started_on: '2025-01-15',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const pharmacyBody = (name = 'Harborside Pharmacy', preferred = false) => ({
  name,
  addressLine1: '12 Water Street',
  city: 'Boston',
  state: 'MA',
  postalCode: '02109',
  phone: '617-555-0123',
  preferred,
});

/** Saves a pharmacy through the API as the agent's open record, and returns its id. */
export async function addPharmacy(agent: Agent, name?: string, preferred = false): Promise<string> {
  const res = await agent.inject('POST', '/api/pharmacies', pharmacyBody(name, preferred));
  if (res.statusCode !== 201) throw new Error(`pharmacy not saved: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function refillRowCount(ctx: TestContext, patientId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('refill_requests')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.length;
}

/** A new patient with a signed-in agent. */
export async function patientAgent(ctx: TestContext): Promise<{ user: TestUser; id: string; agent: Agent }> {
  const user = await createUser(ctx, 'patient');
  return { user, id: user.patientId ?? '', agent: await signIn(ctx.app, user.email) };
}

/** GET /api/medications for the agent's open record; fails the test on anything but 200. */
export async function medicationList(agent: Agent): Promise<MedicationList> {
  const res = await agent.inject('GET', '/api/medications');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MedicationList>();
}

export async function refillsLeft(ctx: TestContext, medicationId: string): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('medication_requests')
    .select('refills_remaining')
    .where('id', '=', medicationId)
    .executeTakeFirstOrThrow();
  return row.refills_remaining;
}
