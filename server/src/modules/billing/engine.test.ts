import type { FeeRules, PayerCategory } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { decideCharge, dollars, type PrimaryCoverage, type VisitOutcome } from './engine.js';

/** Harbor General: a flat telehealth fee when a plan does not cover virtual visits. */
const GENERAL: FeeRules = {
  noFeePayerCategories: ['medicaid', 'health_system_plan', 'workers_comp', 'health_safety_net'],
  notCoveredBilling: 'telehealth_fee',
  telehealthFeeCents: 4900,
  inPersonRateCents: 21000,
  deductibleAmountCents: 16500,
  noShowFeeCents: 0,
};
/** Harbor Cancer Institute: "billed like an in-person visit". */
const CANCER: FeeRules = { ...GENERAL, notCoveredBilling: 'in_person_rate', inPersonRateCents: 32500 };

const plan = (
  payerCategory: PayerCategory,
  virtualVisitCost: PrimaryCoverage['virtualVisitCost'],
  extra: Partial<PrimaryCoverage> = {},
): PrimaryCoverage => ({
  payerName: 'Payer',
  planName: 'Plan A',
  payerCategory,
  virtualVisitCost,
  copayCents: virtualVisitCost === 'copay' ? 2500 : null,
  requiresPcpReferral: false,
  referralOnFile: false,
  ...extra,
});

type Row = [string, VisitOutcome, PrimaryCoverage | null, FeeRules, number, string, boolean, string];

const NO_FEE_TEXT = (words: string) => `No charge: there is no patient fee when the primary insurance is ${words}.`;

// prettier-ignore
const SCENARIOS: Row[] = [
  // outcome rules come first, whatever the coverage
  ['cancelled, commercial co-pay', 'cancelled', plan('commercial', 'copay'), GENERAL, 0, 'outcome_cancelled', false, 'No charge: the visit was cancelled.'],
  ['cancelled, self-pay', 'cancelled', null, CANCER, 0, 'outcome_cancelled', false, 'No charge: the visit was cancelled.'],
  ['phone without video, commercial co-pay', 'completed_phone', plan('commercial', 'copay'), GENERAL, 0, 'outcome_phone_only', false, 'No charge: the visit was completed by phone without video.'],
  ['phone without video, not covered', 'completed_phone', plan('commercial', 'not_covered'), CANCER, 0, 'outcome_phone_only', false, 'No charge: the visit was completed by phone without video.'],
  ['phone without video, self-pay', 'completed_phone', null, GENERAL, 0, 'outcome_phone_only', false, 'No charge: the visit was completed by phone without video.'],
  ['technical failure, Medicare deductible', 'technical_failure', plan('medicare', 'deductible'), GENERAL, 0, 'outcome_technical_failure', false, 'No charge: the visit could not be completed because of a technical problem.'],
  ['technical failure, self-pay', 'technical_failure', null, CANCER, 0, 'outcome_technical_failure', false, 'No charge: the visit could not be completed because of a technical problem.'],
  ['no-show, no fee configured', 'no_show', plan('commercial', 'copay'), GENERAL, 0, 'outcome_no_show', false, 'No charge: the visit did not take place.'],
  ['no-show, organization charges a missed-visit fee', 'no_show', plan('commercial', 'copay'), { ...GENERAL, noShowFeeCents: 2500 }, 2500, 'outcome_no_show', false, 'Missed visit fee: $25.00.'],
  ['no-show with a missed-visit fee, Medicaid: no fee at all', 'no_show', plan('medicaid', 'copay'), { ...GENERAL, noShowFeeCents: 2500 }, 0, 'outcome_no_show', false, 'No charge: the visit did not take place.'],
  // payers that never carry a patient fee
  ['video, Medicaid co-pay plan', 'completed_video', plan('medicaid', 'copay'), GENERAL, 0, 'payer_no_fee', false, NO_FEE_TEXT('Medicaid')],
  ['video, Medicaid not covered', 'completed_video', plan('medicaid', 'not_covered'), CANCER, 0, 'payer_no_fee', false, NO_FEE_TEXT('Medicaid')],
  ["video, health system's plan", 'completed_video', plan('health_system_plan', 'deductible'), GENERAL, 0, 'payer_no_fee', false, NO_FEE_TEXT("the health system's own health plan")],
  ["video, workers' comp", 'completed_video', plan('workers_comp', 'copay'), CANCER, 0, 'payer_no_fee', false, NO_FEE_TEXT("workers' compensation")],
  ['video, Health Safety Net', 'completed_video', plan('health_safety_net', 'not_covered'), GENERAL, 0, 'payer_no_fee', false, NO_FEE_TEXT('the Health Safety Net')],
  // the plan's own cost
  ['video, commercial co-pay', 'completed_video', plan('commercial', 'copay'), GENERAL, 2500, 'plan_copay', true, "Your plan's virtual visit co-pay (Plan A): $25.00."],
  ['video, Medicare co-pay $40', 'completed_video', plan('medicare', 'copay', { copayCents: 4000 }), CANCER, 4000, 'plan_copay', true, "Your plan's virtual visit co-pay (Plan A): $40.00."],
  ['video, commercial $0 co-pay', 'completed_video', plan('commercial', 'copay', { copayCents: 0 }), GENERAL, 0, 'plan_copay', false, "Your plan's virtual visit co-pay (Plan A): $0.00."],
  ['video, commercial deductible', 'completed_video', plan('commercial', 'deductible'), GENERAL, 16500, 'plan_deductible', true, "Applied to your plan's deductible (Plan A): $165.00."],
  ['video, Medicare deductible', 'completed_video', plan('medicare', 'deductible'), CANCER, 16500, 'plan_deductible', true, "Applied to your plan's deductible (Plan A): $165.00."],
  // not covered: the organization decides how it bills
  ['video, commercial not covered, Harbor General', 'completed_video', plan('commercial', 'not_covered'), GENERAL, 4900, 'not_covered_telehealth_fee', false, 'Your plan does not cover virtual visits, so it is billed at the telehealth patient fee: $49.00.'],
  ['video, commercial not covered, Cancer Institute', 'completed_video', plan('commercial', 'not_covered'), CANCER, 32500, 'not_covered_in_person_rate', false, 'Your plan does not cover virtual visits, so it is billed at the same rate as an in-person visit: $325.00.'],
  ['video, Medicare not covered, Harbor General', 'completed_video', plan('medicare', 'not_covered'), GENERAL, 4900, 'not_covered_telehealth_fee', false, 'Your plan does not cover virtual visits, so it is billed at the telehealth patient fee: $49.00.'],
  ['video, no insurance, Harbor General', 'completed_video', null, GENERAL, 4900, 'self_pay_telehealth_fee', false, 'There is no insurance on file for this visit, so it is billed at the telehealth patient fee: $49.00.'],
  ['video, self-pay plan, Cancer Institute', 'completed_video', plan('self_pay', 'not_covered'), CANCER, 32500, 'self_pay_in_person_rate', false, 'There is no insurance on file for this visit, so it is billed at the same rate as an in-person visit: $325.00.'],
  // a PCP referral requirement
  ['video, referral required and on file', 'completed_video', plan('commercial', 'copay', { requiresPcpReferral: true, referralOnFile: true }), GENERAL, 2500, 'plan_copay', true, "Your plan's virtual visit co-pay (Plan A): $25.00."],
  ['video, referral required but missing', 'completed_video', plan('commercial', 'copay', { requiresPcpReferral: true }), GENERAL, 4900, 'referral_missing', false, 'Your plan (Plan A) covers this visit only with a referral from your primary care provider, and none is on file, so it is billed at the telehealth patient fee: $49.00.'],
  ['phone only, referral missing: still free', 'completed_phone', plan('commercial', 'copay', { requiresPcpReferral: true }), CANCER, 0, 'outcome_phone_only', false, 'No charge: the visit was completed by phone without video.'],
  ['video, Medicaid with referral missing: still no fee', 'completed_video', plan('medicaid', 'copay', { requiresPcpReferral: true }), GENERAL, 0, 'payer_no_fee', false, NO_FEE_TEXT('Medicaid')],
  // an organization that bills Medicare patients nothing (rules are data)
  ['video, Medicare when the organization waives it', 'completed_video', plan('medicare', 'copay'), { ...GENERAL, noFeePayerCategories: ['medicare'] }, 0, 'payer_no_fee', false, NO_FEE_TEXT('Medicare')],
];

describe('dollars', () => {
  it('writes cents as dollars, a credit with its sign in front', () => {
    expect([dollars(0), dollars(5), dollars(102507), dollars(-1050)]).toEqual([
      '$0.00',
      '$0.05',
      '$1,025.07',
      '-$10.50',
    ]);
  });
});

describe('decideCharge: every rule, with the exact amount and the words on the bill', () => {
  it.each(SCENARIOS)('%s', (_name, outcome, coverage, rules, cents, rule, hsa, text) => {
    const d = decideCharge(outcome, coverage, rules);
    expect({ amountCents: d.amountCents, rule: d.rule, hsaFsaEligible: d.hsaFsaEligible, text: d.text }).toEqual({
      amountCents: cents,
      rule,
      hsaFsaEligible: hsa,
      text,
    });
    expect(Number.isInteger(d.amountCents)).toBe(true);
  });

  it('reports the referral state so a preview can warn before the visit', () => {
    expect(decideCharge('completed_video', plan('commercial', 'copay'), GENERAL).referral).toBe('not_required');
    expect(
      decideCharge('completed_video', plan('commercial', 'copay', { requiresPcpReferral: true }), GENERAL).referral,
    ).toBe('missing');
    expect(
      decideCharge(
        'completed_video',
        plan('commercial', 'copay', { requiresPcpReferral: true, referralOnFile: true }),
        GENERAL,
      ).referral,
    ).toBe('on_file');
  });
});
