import { Type, type Static } from 'typebox';
import { BillingSummary } from './billing.js';
import { IsoDateTime, Uuid } from './common.js';

const Amount = Type.Integer({ minimum: 1, maximum: 10_000_000 });
const Reason = Type.String({ minLength: 1, maxLength: 500 });

/** A payment as the billing office sees it: how it came in and what of it can still be refunded. */
export const OfficePayment = Type.Object({
  id: Uuid,
  amountCents: Type.Integer(),
  method: Type.Union([
    Type.Literal('card_online'),
    Type.Literal('card_phone'),
    Type.Literal('check'),
    Type.Literal('cash'),
  ]),
  status: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  refundedCents: Type.Integer(),
  refundableCents: Type.Integer(),
});
export type OfficePayment = Static<typeof OfficePayment>;

/** One patient's account for the billing office: the patient's own bill plus payments to refund. */
export const BillingAccount = Type.Object({
  patientName: Type.String(),
  summary: BillingSummary,
  payments: Type.Array(OfficePayment),
  /** Charges under an open dispute: left out of reminders until answered. */
  disputedCents: Type.Integer(),
});
export type BillingAccount = Static<typeof BillingAccount>;

export const RecordPaymentBody = Type.Object(
  {
    amountCents: Amount,
    method: Type.Union([Type.Literal('card_phone'), Type.Literal('check'), Type.Literal('cash')]),
    /** Check number, or the card terminal's approval code for a card taken by phone. */
    reference: Type.Optional(Type.String({ maxLength: 40 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RecordPaymentBody = Static<typeof RecordPaymentBody>;

export const RefundBody = Type.Object(
  { paymentId: Uuid, amountCents: Amount, reason: Reason },
  { additionalProperties: false },
);
export type RefundBody = Static<typeof RefundBody>;

export const AdjustmentBody = Type.Object(
  {
    /** "credit" takes money off the balance; "debit" adds to it (e.g. reversing an earlier credit). */
    direction: Type.Union([Type.Literal('credit'), Type.Literal('debit')]),
    amountCents: Amount,
    reason: Reason,
    /** The charge this adjustment is about, if any. */
    lineId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

export const PatientIdParams = Type.Object({ patientId: Uuid });
