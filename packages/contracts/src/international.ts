import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const Cents = Type.Integer({ minimum: 1, maximum: 100_000_000 });

/** The international profile as the patient sees it, with whom to contact at the center. */
export const InternationalProfile = Type.Object({
  international: Type.Boolean(),
  country: Type.String(),
  preferredLanguage: Type.String(),
  confirmed: Type.Boolean(),
  coordinator: Nullable(Type.Object({ name: Type.String(), email: Type.String() })),
  centerPhone: Type.String(),
});
export type InternationalProfile = Static<typeof InternationalProfile>;

export const ConfirmProfileBody = Type.Object(
  { country: Country, preferredLanguage: Type.String({ minLength: 2, maxLength: 40 }) },
  { additionalProperties: false },
);
export type ConfirmProfileBody = Static<typeof ConfirmProfileBody>;

export const InternationalPatient = Type.Object({
  patientId: Uuid,
  name: Type.String(),
  country: Type.String(),
  preferredLanguage: Type.String(),
  confirmed: Type.Boolean(),
  coordinatorUserId: Nullable(Uuid),
  coordinatorName: Nullable(Type.String()),
  openRequests: Type.Integer(),
});
export type InternationalPatient = Static<typeof InternationalPatient>;

export const Coordinator = Type.Object({ id: Uuid, name: Type.String() });
export type Coordinator = Static<typeof Coordinator>;

export const AssignCoordinatorBody = Type.Object({ coordinatorUserId: Uuid }, { additionalProperties: false });
export type AssignCoordinatorBody = Static<typeof AssignCoordinatorBody>;

export const RequestKinds = [
  'appointment',
  'admission',
  'interpreter',
  'records_transfer',
  'doctor_correspondence',
  'financial',
  'guest_services',
  'second_opinion',
] as const;
export const RequestKind = Type.Union([
  Type.Literal('appointment'),
  Type.Literal('admission'),
  Type.Literal('interpreter'),
  Type.Literal('records_transfer'),
  Type.Literal('doctor_correspondence'),
  Type.Literal('financial'),
  Type.Literal('guest_services'),
  Type.Literal('second_opinion'),
]);
export type RequestKind = (typeof RequestKinds)[number];
export const RequestStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('in_progress'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
]);
export type RequestStatus = Static<typeof RequestStatus>;

const Short = Type.String({ maxLength: 200 });
/** Fields that only some kinds use; the server checks which ones each kind needs. */
export const RequestDetails = Type.Object(
  {
    appointmentAction: Type.Optional(
      Type.Union([Type.Literal('schedule'), Type.Literal('reschedule'), Type.Literal('follow_up')]),
    ),
    preferredDates: Type.Optional(Short),
    dietaryNeeds: Type.Optional(Type.String({ maxLength: 1000 })),
    language: Type.Optional(Type.String({ maxLength: 40 })),
    direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
    institution: Type.Optional(Short),
    institutionContact: Type.Optional(Short),
    doctorName: Type.Optional(Short),
    doctorEmail: Type.Optional(Short),
    guestTopic: Type.Optional(
      Type.Union([Type.Literal('lodging'), Type.Literal('dining'), Type.Literal('directions')]),
    ),
  },
  { additionalProperties: false },
);
export type RequestDetails = Static<typeof RequestDetails>;

export const NewRequestBody = Type.Object(
  {
    kind: RequestKind,
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    details: Type.Optional(RequestDetails),
    /** The visit an interpreter is for. */
    appointmentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NewRequestBody = Static<typeof NewRequestBody>;

export const RequestReply = Type.Object({
  id: Uuid,
  author: Type.Union([Type.Literal('patient'), Type.Literal('coordinator'), Type.Literal('doctor')]),
  body: Type.String(),
  sharedWithDoctor: Type.Boolean(),
  attachment: Nullable(Type.Object({ filename: Type.String(), sizeBytes: Type.Integer() })),
  createdAt: IsoDateTime,
});
export type RequestReply = Static<typeof RequestReply>;

export const DoctorLink = Type.Object({
  id: Uuid,
  doctorName: Type.String(),
  expiresAt: IsoDateTime,
  revokedAt: Nullable(IsoDateTime),
  /** Only in the answer that created it: the token is never stored in the clear. */
  link: Type.Optional(Type.String()),
});
export type DoctorLink = Static<typeof DoctorLink>;

export const InternationalRequest = Type.Object({
  id: Uuid,
  patientId: Uuid,
  patientName: Type.String(),
  kind: RequestKind,
  status: RequestStatus,
  summary: Type.String(),
  details: RequestDetails,
  appointmentId: Nullable(Uuid),
  appointmentStart: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  replies: Type.Array(RequestReply),
  /** Staff only. */
  doctorLinks: Type.Optional(Type.Array(DoctorLink)),
});
export type InternationalRequest = Static<typeof InternationalRequest>;

export const RequestReplyBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10000 }), sharedWithDoctor: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type RequestReplyBody = Static<typeof RequestReplyBody>;

export const RequestStatusBody = Type.Object({ status: RequestStatus }, { additionalProperties: false });
export type RequestStatusBody = Static<typeof RequestStatusBody>;

export const DoctorLinkBody = Type.Object(
  {
    doctorName: Type.String({ minLength: 1, maxLength: 200 }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 90 }),
  },
  { additionalProperties: false },
);
export type DoctorLinkBody = Static<typeof DoctorLinkBody>;

/** What a home-country doctor sees through their link: this one case's shared letters. */
export const DoctorCase = Type.Object({
  doctorName: Type.String(),
  kind: RequestKind,
  summary: Type.String(),
  letters: Type.Array(RequestReply),
});
export type DoctorCase = Static<typeof DoctorCase>;

export const DoctorLetterBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10000 }) },
  { additionalProperties: false },
);
export type DoctorLetterBody = Static<typeof DoctorLetterBody>;

export const EstimateLineInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 300 }),
    quantity: Type.Integer({ minimum: 1, maximum: 1000 }),
    unitCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  },
  { additionalProperties: false },
);
export type EstimateLineInput = Static<typeof EstimateLineInput>;

export const EstimateBody = Type.Object(
  {
    patientId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    lines: Type.Array(EstimateLineInput, { minItems: 1, maxItems: 50 }),
    referenceCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    /** Units of the reference currency for one US dollar, e.g. "5.4321". */
    exchangeRate: Type.Optional(Type.String({ maxLength: 20 })),
    /** The visits of this episode of care: a deposit is applied only to their charges. */
    appointmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type EstimateBody = Static<typeof EstimateBody>;

export const Deposit = Type.Object({
  id: Uuid,
  requestedCents: Type.Integer(),
  paidCents: Type.Integer(),
  appliedCents: Type.Integer(),
  refundedCents: Type.Integer(),
  /** Paid and not yet applied or refunded. */
  heldCents: Type.Integer(),
  /** What the patient may still pay (requested − paid − in flight). */
  payableCents: Type.Integer(),
});
export type Deposit = Static<typeof Deposit>;

export const Estimate = Type.Object({
  id: Uuid,
  patientId: Uuid,
  title: Type.String(),
  status: Type.Union([
    Type.Literal('offered'),
    Type.Literal('question'),
    Type.Literal('accepted'),
    Type.Literal('withdrawn'),
  ]),
  lines: Type.Array(
    Type.Object({
      description: Type.String(),
      quantity: Type.Integer(),
      unitCents: Type.Integer(),
      lineCents: Type.Integer(),
    }),
  ),
  totalCents: Type.Integer(),
  referenceCurrency: Nullable(Type.String()),
  exchangeRate: Nullable(Type.String()),
  /** The total in the reference currency, rounded to 2 decimals, for reference only. */
  referenceAmount: Nullable(Type.String()),
  patientQuestion: Nullable(Type.String()),
  acceptedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  appointmentIds: Type.Array(Uuid),
  deposit: Nullable(Deposit),
});
export type Estimate = Static<typeof Estimate>;

export const EstimateAnswerBody = Type.Object(
  {
    answer: Type.Union([Type.Literal('accept'), Type.Literal('question')]),
    question: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type EstimateAnswerBody = Static<typeof EstimateAnswerBody>;

export const DepositRequestBody = Type.Object({ amountCents: Cents }, { additionalProperties: false });
export type DepositRequestBody = Static<typeof DepositRequestBody>;

export const DepositPayment = Type.Object({
  id: Uuid,
  amountCents: Type.Integer(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('requires_action'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  cardBrand: Nullable(Type.String()),
  cardLast4: Nullable(Type.String()),
  estimate: Estimate,
});
export type DepositPayment = Static<typeof DepositPayment>;

export const ApplyDepositBody = Type.Object(
  { chargeEntryId: Uuid, amountCents: Cents },
  { additionalProperties: false },
);
export type ApplyDepositBody = Static<typeof ApplyDepositBody>;

export const RefundDepositBody = Type.Object(
  { amountCents: Cents, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RefundDepositBody = Static<typeof RefundDepositBody>;

/** A charge of the episode's visits, with what is still owed on it. */
export const EpisodeCharge = Type.Object({
  entryId: Uuid,
  appointmentId: Uuid,
  startAt: IsoDateTime,
  amountCents: Type.Integer(),
  owedCents: Type.Integer(),
});
export type EpisodeCharge = Static<typeof EpisodeCharge>;
