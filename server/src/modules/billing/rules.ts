import { FeeRules } from '@portico/contracts';
import { Value } from 'typebox/value';

/** The seeds' rules with neutral amounts: what an organization without its own rule set gets. */
export const DEFAULT_FEE_RULES: FeeRules = {
  noFeePayerCategories: ['medicaid', 'health_system_plan', 'workers_comp', 'health_safety_net'],
  notCoveredBilling: 'in_person_rate',
  telehealthFeeCents: 4900,
  inPersonRateCents: 18500,
  deductibleAmountCents: 15000,
  noShowFeeCents: 0,
};

/** Reads stored rules; anything malformed is a data error, never silently half-applied. */
export function parseFeeRules(raw: unknown): FeeRules {
  if (!Value.Check(FeeRules, raw)) throw new Error('fee rule set does not match the FeeRules schema');
  return raw;
}
