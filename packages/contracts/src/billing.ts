import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

export const PAYER_CATEGORIES = [
  'commercial',
  'medicare',
  'medicaid',
  'health_system_plan',
  'workers_comp',
  'health_safety_net',
  'self_pay',
] as const;
export const PayerCategory = Type.Union([
  Type.Literal('commercial'),
  Type.Literal('medicare'),
  Type.Literal('medicaid'),
  Type.Literal('health_system_plan'),
  Type.Literal('workers_comp'),
  Type.Literal('health_safety_net'),
  Type.Literal('self_pay'),
]);
export type PayerCategory = Static<typeof PayerCategory>;

const Cents = Type.Integer({ minimum: 0, maximum: 10_000_000 });

/**
 * One organization's fee rules: data, versioned with an effective date. The engine reads them;
 * a new version never touches charges already written.
 */
export const FeeRules = Type.Object(
  {
    /** Primary payers for which a virtual visit carries no patient fee at all. */
    noFeePayerCategories: Type.Array(PayerCategory, { uniqueItems: true }),
    /** When the plan does not cover virtual visits (or there is no plan): a flat telehealth fee or the in-person rate. */
    notCoveredBilling: Type.Union([Type.Literal('telehealth_fee'), Type.Literal('in_person_rate')]),
    telehealthFeeCents: Cents,
    inPersonRateCents: Cents,
    /** What a virtual visit puts toward the patient's deductible when the plan says "deductible applies". */
    deductibleAmountCents: Cents,
    /** Charged when the patient did not come; 0 means no charge. */
    noShowFeeCents: Cents,
  },
  { additionalProperties: false },
);
export type FeeRules = Static<typeof FeeRules>;

/** Stable codes for the rule that decided a charge; the web app words each one in the reader's language. */
export const CHARGE_RULES = [
  'outcome_cancelled',
  'outcome_phone_only',
  'outcome_technical_failure',
  'outcome_no_show',
  'payer_no_fee',
  'plan_copay',
  'plan_deductible',
  'referral_missing',
  'not_covered_telehealth_fee',
  'not_covered_in_person_rate',
  'self_pay_telehealth_fee',
  'self_pay_in_person_rate',
] as const;
export type ChargeRule = (typeof CHARGE_RULES)[number];

export const ChargeExplanation = Type.Object({
  rule: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  /** The same explanation in English, as printed on statements. */
  text: Type.String(),
});
export type ChargeExplanation = Static<typeof ChargeExplanation>;

export const Dispute = Type.Object({
  id: Uuid,
  lineId: Uuid,
  reason: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  resolution: Type.Union([Type.Literal('adjusted'), Type.Literal('upheld'), Type.Null()]),
  response: Type.Union([Type.String(), Type.Null()]),
  openedAt: IsoDateTime,
  resolvedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Dispute = Static<typeof Dispute>;

export const LedgerLine = Type.Object({
  id: Uuid,
  type: Type.Union([
    Type.Literal('charge'),
    Type.Literal('payment'),
    Type.Literal('adjustment'),
    Type.Literal('refund'),
  ]),
  amountCents: Type.Integer(),
  postedAt: IsoDateTime,
  explanation: ChargeExplanation,
  hsaFsaEligible: Type.Boolean(),
  /** The patient's newest dispute of this line, if any. */
  dispute: Type.Union([Dispute, Type.Null()]),
  /** On a payment line: its receipt can be downloaded. */
  paymentId: Type.Union([Uuid, Type.Null()]),
  visit: Type.Union([
    Type.Object({
      appointmentId: Uuid,
      start: IsoDateTime,
      clinicianName: Type.String(),
      outcome: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type LedgerLine = Static<typeof LedgerLine>;

export const BillingSummary = Type.Object({
  patientId: Uuid,
  balanceCents: Type.Integer(),
  billingPhone: Type.Union([Type.String(), Type.Null()]),
  organizationName: Type.String(),
  /** 'test' moves no money (the page shows the test cards); 'none': online payment is off here. */
  paymentProcessor: Type.Union([Type.Literal('test'), Type.Literal('stripe'), Type.Literal('none')]),
  lines: Type.Array(LedgerLine),
  statements: Type.Array(
    Type.Object({ id: Uuid, number: Type.String(), asOf: IsoDateTime, balanceCents: Type.Integer() }),
  ),
});
export type BillingSummary = Static<typeof BillingSummary>;

export const CardPaymentBody = Type.Object(
  {
    amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    card: Type.Object(
      {
        number: Type.String({ minLength: 12, maxLength: 23, pattern: '^[0-9 ]+$' }),
        expiry: Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$' }),
        cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
        name: Type.String({ minLength: 1, maxLength: 120 }),
        postalCode: Type.Optional(Type.String({ maxLength: 12 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CardPaymentBody = Static<typeof CardPaymentBody>;

export const Payment = Type.Object({
  id: Uuid,
  amountCents: Type.Integer(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('requires_action'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  method: Type.String(),
  cardBrand: Type.Union([Type.String(), Type.Null()]),
  cardLast4: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  balanceCents: Type.Integer(),
  /** With "requires_action" at a real processor: the bank's page to send the cardholder to. */
  nextActionUrl: Type.Optional(Type.String()),
});
export type Payment = Static<typeof Payment>;

export const ChargePreview = Type.Object({
  amountCents: Type.Integer(),
  hsaFsaEligible: Type.Boolean(),
  explanation: ChargeExplanation,
  /** Whether the plan needs a referral from the patient's primary care provider, and whether one is on file. */
  referral: Type.Union([Type.Literal('not_required'), Type.Literal('on_file'), Type.Literal('missing')]),
});
export type ChargePreview = Static<typeof ChargePreview>;

/** Without an appointment: a video visit today. With one: that planned visit. */
export const PreviewQuery = Type.Object({ appointmentId: Type.Optional(Uuid) }, { additionalProperties: false });

export const OpenDisputeBody = Type.Object(
  { lineId: Uuid, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type OpenDisputeBody = Static<typeof OpenDisputeBody>;

export const DisputeQueueItem = Type.Intersect([
  Dispute,
  Type.Object({
    patientId: Uuid,
    patientName: Type.String(),
    amountCents: Type.Integer(),
    explanation: Type.String(),
  }),
]);
export type DisputeQueueItem = Static<typeof DisputeQueueItem>;

export const DisputeQueue = Type.Object({ disputes: Type.Array(DisputeQueueItem) });
export type DisputeQueue = Static<typeof DisputeQueue>;

export const DisputeQueueQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])) },
  { additionalProperties: false },
);

export const ResolveDisputeBody = Type.Object(
  {
    resolution: Type.Union([Type.Literal('adjusted'), Type.Literal('upheld')]),
    response: Type.String({ minLength: 1, maxLength: 2000 }),
    /** With "adjusted": how much to take off the charge, in cents. */
    adjustmentCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);
export type ResolveDisputeBody = Static<typeof ResolveDisputeBody>;
