import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';

/** FHIR AdministrativeGender: the sex recorded for administration (billing, insurance). */
export const ADMINISTRATIVE_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type AdministrativeSex = (typeof ADMINISTRATIVE_SEXES)[number];

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
/** Loose on purpose: the service checks formats and answers with sentences a person can act on. */
const Text = (max: number) => Type.String({ maxLength: max });

export const Address = Type.Object({
  line1: Type.Union([Type.String(), Type.Null()]),
  line2: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  /** A US state's two-letter code, or a region elsewhere. */
  region: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  /** ISO 3166-1 alpha-2, e.g. US. */
  country: Type.String(),
});
export type Address = Static<typeof Address>;

export const Profile = Type.Object({
  patientId: Uuid,
  organizationName: Type.String(),
  /** Legal name and birth date: registration changes these, never the patient online. */
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: IsoDate,
  preferredName: Nullable(Type.String()),
  pronouns: Nullable(Type.String()),
  sex: Type.Union([Type.Enum(ADMINISTRATIVE_SEXES), Type.Null()]),
  /** Contact email on the record (the sign-in email is an account setting). */
  email: Nullable(Type.String()),
  homePhone: Nullable(Type.String()),
  mobilePhone: Nullable(Type.String()),
  /** The number the clinician calls if a video visit has to continue by phone. */
  visitPhone: Nullable(Type.String()),
  preferredLanguage: Type.String(),
  address: Address,
  registrationPhone: Type.String(),
  registrationHours: Nullable(Type.String()),
  billingPhone: Type.String(),
  updatedAt: IsoDateTime,
});
export type Profile = Static<typeof Profile>;

export const AddressBody = Type.Object(
  {
    line1: Type.Union([Text(200), Type.Null()]),
    line2: Type.Optional(Type.Union([Text(200), Type.Null()])),
    city: Type.Union([Text(100), Type.Null()]),
    region: Type.Optional(Type.Union([Text(100), Type.Null()])),
    postalCode: Type.Union([Text(20), Type.Null()]),
    country: Type.Optional(Text(2)),
  },
  { additionalProperties: false },
);
export type AddressBody = Static<typeof AddressBody>;

/**
 * A change to the profile; fields left out stay as they are, null clears one. The legal name and
 * birth date are for the organization's staff only: a patient sending them is told whom to call.
 */
export const ProfileUpdateBody = Type.Object(
  {
    givenName: Type.Optional(Text(100)),
    familyName: Type.Optional(Text(100)),
    birthDate: Type.Optional(Text(10)),
    preferredName: Type.Optional(Type.Union([Text(100), Type.Null()])),
    pronouns: Type.Optional(Type.Union([Text(40), Type.Null()])),
    sex: Type.Optional(Type.Union([Type.Enum(ADMINISTRATIVE_SEXES), Type.Null()])),
    homePhone: Type.Optional(Type.Union([Text(40), Type.Null()])),
    mobilePhone: Type.Optional(Type.Union([Text(40), Type.Null()])),
    visitPhone: Type.Optional(Type.Union([Text(40), Type.Null()])),
    preferredLanguage: Type.Optional(Text(12)),
    address: Type.Optional(AddressBody),
  },
  { additionalProperties: false },
);
export type ProfileUpdateBody = Static<typeof ProfileUpdateBody>;

/** "Who has looked at my record": one page, newest first. */
export const RecordAccessQuery = Type.Object(
  {
    /** The `nextCursor` of the previous page. */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Also list what the patient did in their own record (left out by default). */
    includeMine: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RecordAccessQuery = Static<typeof RecordAccessQuery>;

export const RECORD_ACTOR_KINDS = ['patient', 'proxy', 'care_team', 'system'] as const;
export type RecordActorKind = (typeof RECORD_ACTOR_KINDS)[number];

export const RecordAccessEntry = Type.Object({
  id: Type.String(),
  at: IsoDateTime,
  /** The patient, someone acting for them, someone of the health system, or Portico itself. */
  actorKind: Type.Enum(RECORD_ACTOR_KINDS),
  actorName: Nullable(Type.String()),
  /** clinician | staff | admin for the care team; the account's role otherwise. */
  actorRole: Nullable(Type.String()),
  /** The person reading the list did this. */
  isYou: Type.Boolean(),
  /** A stable code such as `result.read`; the web app words it. */
  action: Type.String(),
  entityType: Type.String(),
  outcome: Type.Union([Type.Literal('allowed'), Type.Literal('denied'), Type.Literal('failed')]),
});
export type RecordAccessEntry = Static<typeof RecordAccessEntry>;

export const RecordAccessList = Type.Object({
  entries: Type.Array(RecordAccessEntry),
  nextCursor: Nullable(Type.String()),
  patientName: Type.String(),
  /** Whether the reader is the patient or a proxy acting for them. */
  viewer: Type.Union([Type.Literal('patient'), Type.Literal('proxy')]),
});
export type RecordAccessList = Static<typeof RecordAccessList>;
