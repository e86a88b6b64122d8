import type { FeeRules } from '@portico/contracts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chargeEndedVisit } from '../modules/billing/index.js';

const SEEDS_NO_FEE: FeeRules['noFeePayerCategories'] = [
  'medicaid',
  'health_system_plan',
  'workers_comp',
  'health_safety_net',
];

/** The seeds' rules: Harbor General charges a telehealth fee when a plan does not cover virtual visits; the Cancer Institute bills those like in-person visits. */
export const DEMO_FEE_RULES: Record<string, FeeRules> = {
  'harbor-general': {
    noFeePayerCategories: SEEDS_NO_FEE,
    notCoveredBilling: 'telehealth_fee',
    telehealthFeeCents: 4900,
    inPersonRateCents: 21000,
    deductibleAmountCents: 16500,
    noShowFeeCents: 0,
  },
  'harbor-cancer': {
    noFeePayerCategories: SEEDS_NO_FEE,
    notCoveredBilling: 'in_person_rate',
    telehealthFeeCents: 4900,
    inPersonRateCents: 32500,
    deductibleAmountCents: 21000,
    noShowFeeCents: 0,
  },
};

/** Two past visits for Eleanor with Dr. Raman: one by video (her co-pay), one finished by phone (no charge). */
const PAST_VISITS = [
  { daysAgo: 41, outcome: 'completed_video', modality: 'video' },
  { daysAgo: 12, outcome: 'completed_phone', modality: 'phone' },
] as const;

/** Fee rules for the demo organizations and Eleanor's bill. Runs inside the demo seed's transaction. */
export async function seedBilling(trx: Kysely<Database>, now = new Date()): Promise<void> {
  if (await trx.selectFrom('fee_rule_sets').select('id').limit(1).executeTakeFirst()) return;
  const orgs = await trx.selectFrom('organizations').select(['id', 'slug']).execute();
  for (const org of orgs) {
    const rules = DEMO_FEE_RULES[org.slug];
    if (!rules) continue;
    await trx
      .insertInto('fee_rule_sets')
      .values({
        organization_id: org.id,
        version: 1,
        effective_from: new Date('2026-01-01T00:00:00Z'),
        rules: JSON.stringify(rules),
        note: 'Rules from the health system telehealth billing policy',
      })
      .execute();
  }
  const pair = await trx
    .selectFrom('patients as p')
    .innerJoin('users as pu', 'pu.id', 'p.user_id')
    .innerJoin('clinicians as c', (j) => j.onTrue())
    .innerJoin('users as cu', 'cu.id', 'c.user_id')
    .innerJoin('visit_types as vt', (j) =>
      j.onRef('vt.clinician_id', '=', 'c.id').on('vt.mode', '=', 'video').on('vt.new_patient', '=', false),
    )
    .select(['p.id as patient_id', 'c.id as clinician_id', 'c.organization_id', 'vt.id as type_id'])
    .where('pu.email', '=', 'patient@example.org')
    .where('cu.email', '=', 'clinician@example.org')
    .executeTakeFirst();
  if (!pair) return;
  for (const visit of PAST_VISITS) {
    const start = new Date(now.getTime() - visit.daysAgo * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const end = new Date(start.getTime() + 30 * 60_000);
    const appt = await trx
      .insertInto('appointments')
      .values({
        organization_id: pair.organization_id,
        clinician_id: pair.clinician_id,
        patient_id: pair.patient_id,
        visit_type_id: pair.type_id,
        mode: 'video',
        status: 'fulfilled',
        start_at: start,
        end_at: end,
        busy_until: end,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const encounter = await trx
      .insertInto('encounters')
      .values({
        appointment_id: appt.id,
        organization_id: pair.organization_id,
        patient_id: pair.patient_id,
        clinician_id: pair.clinician_id,
        status: 'finished',
        modality: visit.modality,
        admitted_at: start,
        video_connected_at: visit.modality === 'video' ? start : null,
        ended_at: end,
        outcome: visit.outcome,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await chargeEndedVisit(trx, encounter.id);
  }
}

/** Demo databases made before billing existed get the rules and Eleanor's bill too; a no-op otherwise. */
export function ensureDemoBilling(db: Kysely<Database>): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(72400013)`.execute(trx);
    await seedBilling(trx);
  });
}
