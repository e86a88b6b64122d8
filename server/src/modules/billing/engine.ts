import type { ChargeRule, FeeRules, PayerCategory } from '@portico/contracts';

export type VisitOutcome = 'completed_video' | 'completed_phone' | 'technical_failure' | 'no_show' | 'cancelled';

/** The primary coverage as the engine needs it; null means self-pay. */
export interface PrimaryCoverage {
  payerName: string;
  planName: string;
  payerCategory: PayerCategory;
  virtualVisitCost: 'copay' | 'deductible' | 'not_covered';
  copayCents: number | null;
  requiresPcpReferral: boolean;
  referralOnFile: boolean;
}

export interface ChargeDecision {
  amountCents: number;
  rule: ChargeRule;
  params: Record<string, string | number>;
  /** A medical co-pay or deductible: payable from a health savings or flexible spending account. */
  hsaFsaEligible: boolean;
  referral: 'not_required' | 'on_file' | 'missing';
  /** The explanation in English, as printed on statements and shown to staff. */
  text: string;
}

const PAYER_WORDS: Record<PayerCategory, string> = {
  commercial: 'commercial insurance',
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  health_system_plan: "the health system's own health plan",
  workers_comp: "workers' compensation",
  health_safety_net: 'the Health Safety Net',
  self_pay: 'self-pay',
};

/** US dollars from integer cents: "$1,025.07", "-$10.50". */
export function dollars(cents: number): string {
  const abs = Math.abs(cents);
  const text = `$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

const decision = (
  d: Omit<ChargeDecision, 'text' | 'params'> & { params?: Record<string, string | number> },
  text: string,
): ChargeDecision => ({ ...d, params: d.params ?? {}, text });

function referralState(c: PrimaryCoverage | null): ChargeDecision['referral'] {
  if (!c?.requiresPcpReferral) return 'not_required';
  return c.referralOnFile ? 'on_file' : 'missing';
}

type Uncovered = 'not_covered' | 'self_pay' | 'referral_missing';

const UNCOVERED_WHY: Record<Uncovered, (plan: string) => string> = {
  self_pay: () => 'There is no insurance on file for this visit',
  not_covered: () => 'Your plan does not cover virtual visits',
  referral_missing: (plan) =>
    `Your plan (${plan}) covers this visit only with a referral from your primary care provider, and none is on file`,
};

/** The fee when nothing pays: the organization's telehealth fee or its in-person rate. */
function uncovered(rules: FeeRules, why: Uncovered, referral: ChargeDecision['referral'], plan = ''): ChargeDecision {
  const byFee = rules.notCoveredBilling === 'telehealth_fee';
  const amountCents = byFee ? rules.telehealthFeeCents : rules.inPersonRateCents;
  const rule: ChargeRule =
    why === 'referral_missing' ? 'referral_missing' : `${why}_${byFee ? 'telehealth_fee' : 'in_person_rate'}`;
  const what = byFee ? 'the telehealth patient fee' : 'the same rate as an in-person visit';
  return decision(
    {
      amountCents,
      rule,
      hsaFsaEligible: false,
      referral,
      params: { amount: amountCents, billing: rules.notCoveredBilling, ...(plan ? { plan } : {}) },
    },
    `${UNCOVERED_WHY[why](plan)}, so it is billed at ${what}: ${dollars(amountCents)}.`,
  );
}

/**
 * Decides what the patient owes for one virtual visit, and why, in this order: how the visit
 * ended; whether the primary payer carries no patient fee; the plan's referral requirement;
 * then the plan's co-pay or deductible, or the organization's fee when nothing covers it.
 */
export function decideCharge(outcome: VisitOutcome, primary: PrimaryCoverage | null, rules: FeeRules): ChargeDecision {
  const referral = referralState(primary);
  const none = (rule: ChargeRule, text: string, params?: Record<string, string | number>) =>
    decision({ amountCents: 0, rule, hsaFsaEligible: false, referral, ...(params ? { params } : {}) }, text);

  if (outcome === 'cancelled') return none('outcome_cancelled', 'No charge: the visit was cancelled.');
  if (outcome === 'completed_phone')
    return none('outcome_phone_only', 'No charge: the visit was completed by phone without video.');
  if (outcome === 'technical_failure')
    return none(
      'outcome_technical_failure',
      'No charge: the visit could not be completed because of a technical problem.',
    );
  if (outcome === 'no_show') {
    // A payer with no patient fee means no fee at all, a missed-visit fee included.
    const feeFree = primary !== null && rules.noFeePayerCategories.includes(primary.payerCategory);
    if (rules.noShowFeeCents === 0 || feeFree)
      return none('outcome_no_show', 'No charge: the visit did not take place.');
    return decision(
      { amountCents: rules.noShowFeeCents, rule: 'outcome_no_show', hsaFsaEligible: false, referral },
      `Missed visit fee: ${dollars(rules.noShowFeeCents)}.`,
    );
  }

  if (!primary || primary.payerCategory === 'self_pay') return uncovered(rules, 'self_pay', referral);
  if (rules.noFeePayerCategories.includes(primary.payerCategory)) {
    return none(
      'payer_no_fee',
      `No charge: there is no patient fee when the primary insurance is ${PAYER_WORDS[primary.payerCategory]}.`,
      {
        payer: primary.payerCategory,
      },
    );
  }
  if (referral === 'missing') return uncovered(rules, 'referral_missing', referral, primary.planName);
  if (primary.virtualVisitCost === 'copay') {
    const amountCents = primary.copayCents ?? 0;
    return decision(
      {
        amountCents,
        rule: 'plan_copay',
        hsaFsaEligible: amountCents > 0,
        referral,
        params: { amount: amountCents, plan: primary.planName },
      },
      `Your plan's virtual visit co-pay (${primary.planName}): ${dollars(amountCents)}.`,
    );
  }
  if (primary.virtualVisitCost === 'deductible') {
    const amountCents = rules.deductibleAmountCents;
    return decision(
      {
        amountCents,
        rule: 'plan_deductible',
        hsaFsaEligible: amountCents > 0,
        referral,
        params: { amount: amountCents, plan: primary.planName },
      },
      `Applied to your plan's deductible (${primary.planName}): ${dollars(amountCents)}.`,
    );
  }
  return uncovered(rules, 'not_covered', referral);
}
