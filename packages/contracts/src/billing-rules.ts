import { Type, type Static } from 'typebox';
import { FeeRules, PayerCategory } from './billing.js';
import { IsoDateTime, Uuid } from './common.js';

/** The most any one fee in a rule set may be: $10,000.00. A larger figure is a typing slip. */
export const FEE_RULE_MAX_CENTS = 1_000_000;
/** Why a rule set changed: required, kept short enough to read in a table. */
export const FEE_RULE_NOTE_MAX = 1000;
/**
 * A new rule set "effective now" may name an instant this many seconds ago (the time it took to
 * send the form); it is stored as the moment it was saved, never earlier.
 */
export const FEE_RULE_NOW_GRACE_SECONDS = 300;

/**
 * In force now (the set the fee engine would use for a visit ending now), scheduled (its date is
 * still to come) or superseded (in force once, or never, and replaced).
 */
export const FeeRuleSetStatus = Type.Union([
  Type.Literal('in_force'),
  Type.Literal('scheduled'),
  Type.Literal('superseded'),
]);
export type FeeRuleSetStatus = Static<typeof FeeRuleSetStatus>;

export const FeeRuleSet = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  effectiveFrom: IsoDateTime,
  rules: FeeRules,
  note: Type.String(),
  /** Who scheduled it; null for sets loaded by a seed or a migration. */
  createdByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  status: FeeRuleSetStatus,
});
export type FeeRuleSet = Static<typeof FeeRuleSet>;

export const FeeRuleSetList = Type.Object({
  organizationId: Uuid,
  /** What applies while the organization has no rule set in force. */
  defaultRules: FeeRules,
  /** Newest version first. */
  ruleSets: Type.Array(FeeRuleSet),
});
export type FeeRuleSetList = Static<typeof FeeRuleSetList>;

export const FeeRuleSetQuery = Type.Object(
  {
    /** Staff see their own organization; admins name the one they want (their own by default). */
    organizationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type FeeRuleSetQuery = Static<typeof FeeRuleSetQuery>;

/**
 * Proposed rules as sent by a form. Amounts are checked by the service (whole cents, 0 to
 * FEE_RULE_MAX_CENTS) so each bad one comes back as a 422 naming its field.
 */
export const FeeRulesDraft = Type.Object(
  {
    noFeePayerCategories: Type.Array(PayerCategory, { maxItems: 20 }),
    notCoveredBilling: Type.Union([Type.Literal('telehealth_fee'), Type.Literal('in_person_rate')]),
    telehealthFeeCents: Type.Number(),
    inPersonRateCents: Type.Number(),
    deductibleAmountCents: Type.Number(),
    noShowFeeCents: Type.Number(),
  },
  { additionalProperties: false },
);
export type FeeRulesDraft = Static<typeof FeeRulesDraft>;

export const CreateFeeRuleSetBody = Type.Object(
  {
    organizationId: Uuid,
    /** Now or later: a rule set never reaches back to visits that already happened. */
    effectiveFrom: IsoDateTime,
    rules: FeeRulesDraft,
    note: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type CreateFeeRuleSetBody = Static<typeof CreateFeeRuleSetBody>;
