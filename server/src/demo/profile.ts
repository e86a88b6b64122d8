import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PlanCategoryValue, VirtualVisitCostValue } from '../db/tables/profile.js';
import { syntheticCardPng } from './card-png.js';

interface DemoPlan {
  payer: string;
  plan: string;
  category: PlanCategoryValue;
  cost: VirtualVisitCostValue;
  copayCents?: number;
  referral?: boolean;
}

/** A fictional catalog with every kind of payer the billing rules tell apart. */
export const DEMO_PLANS: readonly DemoPlan[] = [
  {
    payer: 'Harbor Health Plan',
    plan: 'Harbor Choice HMO',
    category: 'health_system_plan',
    cost: 'copay',
    copayCents: 0,
  },
  { payer: 'Commonwealth Medicaid', plan: 'Standard Medicaid', category: 'medicaid', cost: 'copay', copayCents: 0 },
  {
    payer: "Bay State Workers' Comp",
    plan: 'Workplace Injury Coverage',
    category: 'workers_comp',
    cost: 'copay',
    copayCents: 0,
  },
  {
    payer: 'Health Safety Net',
    plan: 'Health Safety Net',
    category: 'health_safety_net',
    cost: 'copay',
    copayCents: 0,
  },
  { payer: 'Atlantic Coast Health', plan: 'PPO 500', category: 'commercial', cost: 'copay', copayCents: 2500 },
  {
    payer: 'Pilgrim Mutual Insurance',
    plan: 'Select HMO',
    category: 'commercial',
    cost: 'copay',
    copayCents: 4000,
    referral: true,
  },
  { payer: 'Granite Shield', plan: 'High Deductible HSA Plan', category: 'commercial', cost: 'deductible' },
  { payer: 'Lighthouse Benefit Plans', plan: 'Basic EPO', category: 'commercial', cost: 'not_covered' },
  { payer: 'Medicare', plan: 'Original Medicare Part B', category: 'medicare', cost: 'deductible' },
  { payer: 'Harbor Health', plan: 'Self-Pay Discount Program', category: 'self_pay', cost: 'not_covered' },
];

/**
 * The plan catalog, and Eleanor's profile: an address, a number for phone fallback during
 * visits, and a primary commercial coverage ($25 virtual-visit co-pay) with photos of her card.
 */
export async function seedProfile(trx: Kysely<Database>): Promise<void> {
  const eleanorOrg = await trx
    .selectFrom('patients')
    .select('organization_id')
    .where('email', '=', 'patient@example.org')
    .executeTakeFirst();
  const organizations = await trx.selectFrom('organizations').select('id').execute();
  if (organizations.length === 0) return;
  const plans = await trx
    .insertInto('insurance_plans')
    .values(
      organizations.flatMap((o) =>
        DEMO_PLANS.map((p) => ({
          organization_id: o.id,
          payer_name: p.payer,
          plan_name: p.plan,
          payer_category: p.category,
          virtual_visit_cost: p.cost,
          virtual_visit_copay_cents: p.copayCents ?? null,
          requires_pcp_referral: p.referral ?? false,
        })),
      ),
    )
    .onConflict((oc) => oc.columns(['organization_id', 'payer_name', 'plan_name']).doNothing())
    .returning(['id', 'payer_name', 'organization_id'])
    .execute();
  const atlantic = plans.find(
    (p) => p.payer_name === 'Atlantic Coast Health' && p.organization_id === eleanorOrg?.organization_id,
  );
  const eleanor = await trx
    .selectFrom('patients')
    .select('id')
    .where('email', '=', 'patient@example.org')
    .executeTakeFirst();
  if (!eleanor || !atlantic) return;
  await trx
    .updateTable('patients')
    .set({
      preferred_name: 'Ellie',
      pronouns: 'she/her',
      sex: 'female',
      address_line1: '27 Beacon Lane',
      address_line2: 'Apt 3',
      address_city: 'Boston',
      address_region: 'MA',
      address_postal_code: '02114',
      address_country: 'US',
      mobile_phone: '617-555-0134',
      visit_phone: '617-555-0134',
    })
    .where('id', '=', eleanor.id)
    .execute();
  const coverage = await trx
    .insertInto('coverages')
    .values({
      patient_id: eleanor.id,
      plan_id: atlantic.id,
      priority: 1,
      member_id: 'ACH-4471-2093',
      group_number: 'HGH-10024',
      relationship: 'self',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const side of ['front', 'back'] as const) {
    const data = syntheticCardPng(side);
    await trx
      .insertInto('coverage_card_images')
      .values({ coverage_id: coverage.id, side, content_type: 'image/png', byte_size: data.length, data })
      .execute();
  }
}
