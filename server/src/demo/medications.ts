import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addDays, todayIn } from '../modules/medications/index.js';

const DEMO_PATIENT = 'patient@example.org';
const DEMO_CLINICIAN = 'clinician@example.org';
const ZONE = 'America/New_York';

/** Harbor General's refill rules: controlled substances by phone only, ask three days ahead. */
export const DEMO_REFILL_POLICY = {
  controlledSubstancesOnline: false,
  minDaysBeforeRunOut: 3,
  officePhone: '617-555-0130',
};

interface DemoMedication {
  name: string;
  strength: string;
  directions: string;
  quantity: number;
  unit: string;
  daysSupply: number;
  authorized: number;
  remaining: number;
  filledDaysAgo: number;
  startedDaysAgo: number;
  status?: 'active' | 'stopped';
  schedule?: 'IV';
  /** Prescribed by the endocrinologist rather than Dr. Raman. */
  endocrine?: boolean;
}

/**
 * Eleanor's list: a blood-pressure pill that can be refilled now, a statin refilled two months
 * ago, metformin from her endocrinologist, a pill with no refills left, a controlled sleep aid
 * (schedule IV, by phone only) and a water pill she stopped.
 */
const ELEANOR_MEDICATIONS: readonly DemoMedication[] = [
  {
    name: 'Lisinopril',
    strength: '10 mg tablet',
    directions: 'Take 1 tablet by mouth once a day for blood pressure.',
    quantity: 90,
    unit: 'tablets',
    daysSupply: 90,
    authorized: 3,
    remaining: 2,
    filledDaysAgo: 84,
    startedDaysAgo: 720,
  },
  {
    name: 'Atorvastatin',
    strength: '20 mg tablet',
    directions: 'Take 1 tablet by mouth at bedtime for cholesterol.',
    quantity: 90,
    unit: 'tablets',
    daysSupply: 90,
    authorized: 3,
    remaining: 1,
    filledDaysAgo: 150,
    startedDaysAgo: 540,
  },
  {
    name: 'Metformin',
    strength: '500 mg tablet',
    directions: 'Take 1 tablet by mouth twice a day with breakfast and dinner.',
    quantity: 180,
    unit: 'tablets',
    daysSupply: 90,
    authorized: 3,
    remaining: 3,
    filledDaysAgo: 70,
    startedDaysAgo: 900,
    endocrine: true,
  },
  {
    name: 'Amlodipine',
    strength: '5 mg tablet',
    directions: 'Take 1 tablet by mouth once a day for blood pressure.',
    quantity: 90,
    unit: 'tablets',
    daysSupply: 90,
    authorized: 1,
    remaining: 0,
    filledDaysAgo: 80,
    startedDaysAgo: 260,
  },
  {
    name: 'Zolpidem',
    strength: '5 mg tablet',
    directions: 'Take 1 tablet by mouth at bedtime only when needed for sleep.',
    quantity: 30,
    unit: 'tablets',
    daysSupply: 30,
    authorized: 2,
    remaining: 1,
    filledDaysAgo: 20,
    startedDaysAgo: 120,
    schedule: 'IV',
  },
  {
    name: 'Hydrochlorothiazide',
    strength: '12.5 mg capsule',
    directions: 'Take 1 capsule by mouth every morning.',
    quantity: 90,
    unit: 'capsules',
    daysSupply: 90,
    authorized: 3,
    remaining: 2,
    filledDaysAgo: 300,
    startedDaysAgo: 800,
    status: 'stopped',
  },
];

const PHARMACIES = [
  {
    name: 'Harbor Pharmacy',
    address_line1: '200 Cambridge Street',
    address_line2: 'Ground floor',
    city: 'Boston',
    state: 'MA',
    postal_code: '02114',
    phone: '617-555-0161',
    ncpdp_id: '2212345',
    preferred: true,
  },
  {
    name: 'Beacon Hill Apothecary',
    address_line1: '45 Charles Street',
    address_line2: null,
    city: 'Boston',
    state: 'MA',
    postal_code: '02114',
    phone: '617-555-0168',
    ncpdp_id: null,
    preferred: false,
  },
];

/**
 * Demo medications, saved pharmacies and one past approved refill for Eleanor Whitfield, and
 * Harbor General's refill policy. Does nothing when the demo accounts are missing or Eleanor
 * already has medications, so it is safe at every start. Call inside a transaction.
 */
export async function seedMedications(trx: Kysely<Database>, now = new Date()): Promise<boolean> {
  const eleanor = await trx
    .selectFrom('patients as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.organization_id', 'u.id as user_id'])
    .where('u.email', '=', DEMO_PATIENT)
    .executeTakeFirst();
  const raman = await trx
    .selectFrom('clinicians as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'u.id as user_id'])
    .where('u.email', '=', DEMO_CLINICIAN)
    .executeTakeFirst();
  if (!eleanor || !raman) return false;
  // Dr. Raman is Eleanor's primary care clinician: she answers refills whose prescriber cannot.
  await trx
    .updateTable('patients')
    .set({ primary_care_clinician_id: raman.id })
    .where('id', '=', eleanor.id)
    .where('primary_care_clinician_id', 'is', null)
    .execute();
  const has = await trx
    .selectFrom('medication_requests')
    .select('id')
    .where('patient_id', '=', eleanor.id)
    .limit(1)
    .executeTakeFirst();
  if (has) return false;

  await trx
    .updateTable('organizations')
    .set({ settings: sql`settings || ${JSON.stringify({ refillPolicy: DEMO_REFILL_POLICY })}::jsonb` })
    .where('id', '=', eleanor.organization_id)
    .where(sql<boolean>`NOT settings ? 'refillPolicy'`)
    .execute();
  const endocrinologist = await trx
    .selectFrom('clinicians')
    .select('id')
    .where('organization_id', '=', eleanor.organization_id)
    .where('service_line_code', '=', 'endocrinology')
    .orderBy('family_name')
    .executeTakeFirst();
  const today = todayIn(ZONE, now);
  const ago = (days: number) => addDays(today, -days);

  const pharmacies = await trx
    .insertInto('patient_pharmacies')
    .values(PHARMACIES.map((p) => ({ ...p, patient_id: eleanor.id })))
    .returning(['id', 'preferred'])
    .execute();
  const meds = await trx
    .insertInto('medication_requests')
    .values(
      ELEANOR_MEDICATIONS.map((m) => ({
        organization_id: eleanor.organization_id,
        patient_id: eleanor.id,
        prescriber_id: m.endocrine ? (endocrinologist?.id ?? raman.id) : raman.id,
        medication_name: m.name,
        strength: m.strength,
        directions: m.directions,
        quantity: m.quantity,
        quantity_unit: m.unit,
        days_supply: m.daysSupply,
        refills_authorized: m.authorized,
        refills_remaining: m.remaining,
        last_filled_on: ago(m.filledDaysAgo),
        status: m.status ?? 'active',
        controlled_schedule: m.schedule ?? null,
        started_on: ago(m.startedDaysAgo),
      })),
    )
    .returning(['id', 'medication_name'])
    .execute();

  // Two months ago Eleanor asked for her statin; Dr. Raman approved it the next morning.
  const statin = meds.find((m) => m.medication_name === 'Atorvastatin');
  const preferred = pharmacies.find((p) => p.preferred);
  if (statin && preferred) {
    // Mid-afternoon in Boston, answered at nine the next morning.
    const asked = new Date(`${ago(61)}T19:40:00Z`);
    await trx
      .insertInto('refill_requests')
      .values({
        medication_request_id: statin.id,
        patient_id: eleanor.id,
        pharmacy_id: preferred.id,
        note: 'Down to my last week of pills.',
        status: 'approved',
        requested_by: eleanor.user_id,
        created_at: asked,
        decided_by: raman.user_id,
        decided_at: new Date(`${ago(60)}T14:05:00Z`),
        approved_quantity: 90,
      })
      .execute();
  }
  return true;
}

/**
 * Adds the demo medications to a demo database made before they existed: one transaction, and
 * one process at a time when several start together.
 */
export function ensureDemoMedications(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(72400011)`.execute(trx);
    return seedMedications(trx);
  });
}
