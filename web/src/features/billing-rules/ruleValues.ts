import {
  FEE_RULE_MAX_CENTS,
  FEE_RULE_NOTE_MAX,
  type CreateFeeRuleSetBody,
  type FeeRules,
  type PayerCategory,
} from '@portico/contracts';
import { parseDollars } from '../billing';

/** The form's fields, in page order; named like the server's fields so its errors land beside them. */
export const RULE_FIELDS = [
  'noFeePayerCategories',
  'notCoveredBilling',
  'telehealthFeeCents',
  'inPersonRateCents',
  'deductibleAmountCents',
  'noShowFeeCents',
  'effectiveFrom',
  'note',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const AMOUNT_FIELDS = [
  'telehealthFeeCents',
  'inPersonRateCents',
  'deductibleAmountCents',
  'noShowFeeCents',
] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/** Payers an organization may exempt from patient fees (self-pay is not an insurance). */
export const NO_FEE_CHOICES: readonly PayerCategory[] = [
  'medicaid',
  'health_system_plan',
  'workers_comp',
  'health_safety_net',
  'medicare',
  'commercial',
];

export interface RuleFormValues {
  noFeePayerCategories: readonly PayerCategory[];
  notCoveredBilling: FeeRules['notCoveredBilling'];
  telehealthFeeCents: string;
  inPersonRateCents: string;
  deductibleAmountCents: string;
  noShowFeeCents: string;
  when: 'now' | 'later';
  /** A datetime-local value ("2027-01-01T00:00"), in the browser's time zone. */
  effectiveAt: string;
  note: string;
}

export type RuleProblem = 'amount' | 'dateMissing' | 'dateInPast' | 'noteMissing' | 'noteTooLong';

/**
 * What a person typed as dollars, in exact integer cents: "49" and "49.00" are 4900; "49.999",
 * "-1" and "abc" are null. Amounts above the rule maximum are null too.
 */
export function centsFromDollars(text: string): number | null {
  const cents = parseDollars(text.trim());
  return cents === null || cents > FEE_RULE_MAX_CENTS ? null : cents;
}

/** Integer cents as the plain dollars a form field shows ("49.00"), without float rounding. */
export function dollarsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value for an instant, in the browser's time zone. */
export function localInputValue(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The form prefilled from the rules in force, to start tomorrow at midnight unless changed. */
export function valuesFrom(rules: FeeRules, now: Date): RuleFormValues {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return {
    noFeePayerCategories: rules.noFeePayerCategories.filter((c) => c !== 'self_pay'),
    notCoveredBilling: rules.notCoveredBilling,
    telehealthFeeCents: dollarsText(rules.telehealthFeeCents),
    inPersonRateCents: dollarsText(rules.inPersonRateCents),
    deductibleAmountCents: dollarsText(rules.deductibleAmountCents),
    noShowFeeCents: dollarsText(rules.noShowFeeCents),
    when: 'later',
    effectiveAt: localInputValue(tomorrow),
    note: '',
  };
}

export type RuleCheck =
  | { ok: true; body: Omit<CreateFeeRuleSetBody, 'organizationId'> }
  | { ok: false; problems: Partial<Record<RuleField, RuleProblem>> };

/**
 * Checks the form and builds the request. The server checks everything again; this only saves a
 * round trip for what can be seen here (amounts, a date that has passed, a missing reason).
 */
export function checkRuleForm(values: RuleFormValues, now: Date): RuleCheck {
  const problems: Partial<Record<RuleField, RuleProblem>> = {};
  const cents: Partial<Record<AmountField, number>> = {};
  for (const f of AMOUNT_FIELDS) {
    const c = centsFromDollars(values[f]);
    if (c === null) problems[f] = 'amount';
    else cents[f] = c;
  }
  let effectiveFrom = now;
  if (values.when === 'later') {
    const at = values.effectiveAt ? new Date(values.effectiveAt) : null;
    if (!at || !Number.isFinite(at.getTime())) problems.effectiveFrom = 'dateMissing';
    else if (at.getTime() < now.getTime()) problems.effectiveFrom = 'dateInPast';
    else effectiveFrom = at;
  }
  const note = values.note.trim();
  if (note === '') problems.note = 'noteMissing';
  else if (note.length > FEE_RULE_NOTE_MAX) problems.note = 'noteTooLong';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      effectiveFrom: effectiveFrom.toISOString(),
      note,
      rules: {
        noFeePayerCategories: [...values.noFeePayerCategories],
        notCoveredBilling: values.notCoveredBilling,
        telehealthFeeCents: cents.telehealthFeeCents ?? 0,
        inPersonRateCents: cents.inPersonRateCents ?? 0,
        deductibleAmountCents: cents.deductibleAmountCents ?? 0,
        noShowFeeCents: cents.noShowFeeCents ?? 0,
      },
    },
  };
}
