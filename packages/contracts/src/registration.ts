import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = (max: number) => Type.Optional(Type.Union([Text(max), Type.Null()]));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const REGISTRATION_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const PAYMENT_KINDS = ['insurance', 'self_pay'] as const;

/**
 * A new patient's registration, online or taken by staff from a call. Fields are checked by the
 * server so every problem comes back at once, with the field it belongs to.
 */
export const RegistrationBody = Type.Object(
  {
    organizationId: Type.Optional(Text(40)),
    givenName: Opt(100),
    familyName: Opt(100),
    birthDate: Opt(10),
    sex: Type.Optional(Nullable(Type.Enum(REGISTRATION_SEXES))),
    email: Opt(254),
    phone: Opt(40),
    preferredLanguage: Opt(12),
    addressLine1: Opt(200),
    addressLine2: Opt(200),
    addressCity: Opt(100),
    addressRegion: Opt(100),
    addressPostalCode: Opt(20),
    addressCountry: Opt(2),
    payment: Type.Optional(Type.Enum(PAYMENT_KINDS)),
    payerName: Opt(120),
    planName: Opt(120),
    memberId: Opt(40),
  },
  { additionalProperties: false },
);
export type RegistrationBody = Static<typeof RegistrationBody>;

export const RegistrationStatus = Type.Union([
  Type.Literal('registered'),
  Type.Literal('possible_duplicate'),
  Type.Literal('confirmed'),
  Type.Literal('merged'),
]);
export type RegistrationStatus = Static<typeof RegistrationStatus>;

/**
 * What the person registering is told. Registration staff see the outcome: `registered` with the
 * MRN and record id, or `possible_duplicate` with neither while they review it. Anyone else gets
 * `received` whatever happened — the outcome goes to the email they gave — so the form cannot be
 * used to find out who is already a patient (docs/decisions/0025).
 */
export const RegistrationResult = Type.Object({
  id: Uuid,
  status: Type.Union([RegistrationStatus, Type.Literal('received')]),
  mrn: Nullable(Type.String({ description: '9 digits; shown as 1234-5678-9' })),
  patientId: Nullable(Uuid),
});
export type RegistrationResult = Static<typeof RegistrationResult>;

export const DuplicateCandidate = Type.Object({
  patientId: Uuid,
  mrn: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: IsoDate,
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
});
export type DuplicateCandidate = Static<typeof DuplicateCandidate>;

/** A registration as registrars see it, with the existing patients it may duplicate. */
export const Registration = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  source: Type.Union([Type.Literal('online'), Type.Literal('staff')]),
  status: RegistrationStatus,
  patientId: Nullable(Uuid),
  mrn: Nullable(Type.String()),
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: IsoDate,
  sex: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  preferredLanguage: Type.String(),
  address: Type.Object({
    line1: Nullable(Type.String()),
    line2: Nullable(Type.String()),
    city: Nullable(Type.String()),
    region: Nullable(Type.String()),
    postalCode: Nullable(Type.String()),
    country: Type.String(),
  }),
  payment: Type.Enum(PAYMENT_KINDS),
  payerName: Nullable(Type.String()),
  planName: Nullable(Type.String()),
  memberId: Nullable(Type.String()),
  candidates: Type.Array(DuplicateCandidate),
  createdAt: IsoDateTime,
  decidedAt: Nullable(IsoDateTime),
});
export type Registration = Static<typeof Registration>;

export const RegistrationList = Type.Object({ registrations: Type.Array(Registration) });
export type RegistrationList = Static<typeof RegistrationList>;

export const RegistrationQueueQuery = Type.Object(
  { status: Type.Optional(RegistrationStatus) },
  { additionalProperties: false },
);
export type RegistrationQueueQuery = Static<typeof RegistrationQueueQuery>;

export const MergeRegistrationBody = Type.Object({ patientId: Uuid }, { additionalProperties: false });
export type MergeRegistrationBody = Static<typeof MergeRegistrationBody>;

export const HOURS_KINDS = ['registration', 'tech_help'] as const;
export const HoursKind = Type.Enum(HOURS_KINDS);
export type HoursKind = (typeof HOURS_KINDS)[number];

export const HoursInterval = Type.Object({
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  /** "08:00", in the organization's time zone. */
  opens: Type.String(),
  closes: Type.String(),
});
export type HoursInterval = Static<typeof HoursInterval>;

/** Weekly hours, and whether they are open at the moment of the request. */
export const OpeningHours = Type.Object({
  organizationId: Uuid,
  kind: HoursKind,
  timeZone: Type.String(),
  intervals: Type.Array(HoursInterval),
  openNow: Type.Boolean(),
  closesAt: Nullable(IsoDateTime),
  nextOpensAt: Nullable(IsoDateTime),
});
export type OpeningHours = Static<typeof OpeningHours>;

export const OpeningHoursQuery = Type.Object({ kind: Type.Optional(HoursKind) }, { additionalProperties: false });
export type OpeningHoursQuery = Static<typeof OpeningHoursQuery>;

export const SUPPORT_TOPICS = ['visit', 'account'] as const;
export const SupportRequestBody = Type.Object(
  {
    topic: Type.Optional(Type.Enum(SUPPORT_TOPICS)),
    appointmentId: Type.Optional(Nullable(Uuid)),
    description: Opt(4000),
  },
  { additionalProperties: false },
);
export type SupportRequestBody = Static<typeof SupportRequestBody>;

/** A request for technical help; the conversation about it is the secure-message thread. */
export const SupportRequest = Type.Object({
  id: Uuid,
  patientId: Uuid,
  patientName: Type.String(),
  topic: Type.Enum(SUPPORT_TOPICS),
  appointmentId: Nullable(Uuid),
  description: Type.String(),
  threadId: Uuid,
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  createdAt: IsoDateTime,
});
export type SupportRequest = Static<typeof SupportRequest>;

export const SupportRequestList = Type.Object({ requests: Type.Array(SupportRequest) });
export type SupportRequestList = Static<typeof SupportRequestList>;
