import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** FHIR MedicationRequest.status values Portico keeps for a prescription. */
export const MedicationStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('on-hold'),
  Type.Literal('stopped'),
  Type.Literal('completed'),
]);
export type MedicationStatus = Static<typeof MedicationStatus>;

/** DEA schedule of a controlled substance. */
export const ControlledSchedule = Type.Union([
  Type.Literal('II'),
  Type.Literal('III'),
  Type.Literal('IV'),
  Type.Literal('V'),
]);
export type ControlledSchedule = Static<typeof ControlledSchedule>;

export const RefillStatus = Type.Union([
  Type.Literal('requested'),
  Type.Literal('approved'),
  Type.Literal('denied'),
  Type.Literal('visit-needed'),
  Type.Literal('cancelled'),
]);
export type RefillStatus = Static<typeof RefillStatus>;

/**
 * Why a refill cannot be asked for online. The same codes are the API's problem codes when a
 * request is refused, so the page can explain a case before the patient submits.
 */
export const REFILL_BLOCKS = [
  'medication_not_active',
  'refill_already_requested',
  'controlled_substance_not_online',
  'no_refills_remaining',
] as const;
export type RefillBlock = (typeof REFILL_BLOCKS)[number];
export const RefillBlock = Type.Union([
  Type.Literal('medication_not_active'),
  Type.Literal('refill_already_requested'),
  Type.Literal('controlled_substance_not_online'),
  Type.Literal('no_refills_remaining'),
]);

export const RefillEligibility = Type.Object({
  eligible: Type.Boolean(),
  reason: Type.Optional(RefillBlock),
  /** The reason as a sentence for the patient (English; the web app has its own words). */
  message: Type.Optional(Type.String()),
  /** On `controlled_substance_not_online`: the office to call. */
  phone: Type.Optional(Type.String()),
  /**
   * The current supply runs out sooner than the organization asks for refills ahead
   * (`minDaysBeforeRunOut`): the patient is told to call if they will run out.
   */
  runsOutSoon: Type.Boolean(),
});
export type RefillEligibility = Static<typeof RefillEligibility>;

export const PersonRef = Type.Object({ id: Uuid, name: Type.String() });
export type PersonRef = Static<typeof PersonRef>;

/**
 * Who answers a refill request: the prescriber; or, when the prescriber is not available (left,
 * or no longer at the patient's organization), the patient's primary care clinician; or else the
 * organization's care team pool.
 */
export const RefillAnswerer = Type.Object({
  kind: Type.Union([Type.Literal('prescriber'), Type.Literal('primary_care'), Type.Literal('care_team')]),
  name: Type.String(),
});
export type RefillAnswerer = Static<typeof RefillAnswerer>;

/** A prescription on the patient's list, with whether a refill can be asked for now. */
export const Medication = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Strength and form, e.g. "10 mg tablet". */
  strength: Type.String(),
  directions: Type.String(),
  quantity: Type.Integer(),
  quantityUnit: Type.String(),
  daysSupply: Type.Union([Type.Integer(), Type.Null()]),
  refillsAuthorized: Type.Integer(),
  refillsRemaining: Type.Integer(),
  lastFilledOn: Type.Union([IsoDate, Type.Null()]),
  /** Last fill (or last approved refill) plus the days' supply, when both are known. */
  runsOutOn: Type.Union([IsoDate, Type.Null()]),
  status: MedicationStatus,
  controlledSchedule: Type.Union([ControlledSchedule, Type.Null()]),
  startedOn: IsoDate,
  prescriber: PersonRef,
  refill: RefillEligibility,
  /** Who will answer a refill request sent now (the patient is told before sending). */
  refillAnsweredBy: RefillAnswerer,
});
export type Medication = Static<typeof Medication>;

export const PharmacySummary = Type.Object({ id: Uuid, name: Type.String(), phone: Type.String() });
export type PharmacySummary = Static<typeof PharmacySummary>;

/** A refill request as the patient sees it. */
export const RefillRequest = Type.Object({
  id: Uuid,
  medicationId: Uuid,
  medicationName: Type.String(),
  strength: Type.String(),
  quantityUnit: Type.String(),
  pharmacy: PharmacySummary,
  note: NullableString,
  status: RefillStatus,
  createdAt: IsoDateTime,
  /** Who sent it: the patient, or a proxy acting for them. */
  requestedBy: Type.String(),
  decidedAt: Type.Union([IsoDateTime, Type.Null()]),
  decidedBy: NullableString,
  approvedQuantity: Type.Union([Type.Integer(), Type.Null()]),
  /** Why it was denied or why a visit is needed. */
  reason: NullableString,
});
export type RefillRequest = Static<typeof RefillRequest>;

export const MedicationList = Type.Object({
  medications: Type.Array(Medication),
  /** Refill requests of the last year, newest first. */
  requests: Type.Array(RefillRequest),
  /** The office's phone, for what cannot be done online. */
  officePhone: Type.String(),
  /** The organization asks for refill requests at least this many days before the supply runs out. */
  minDaysBeforeRunOut: Type.Integer(),
});
export type MedicationList = Static<typeof MedicationList>;

export const NewRefillBody = Type.Object(
  { pharmacyId: Uuid, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type NewRefillBody = Static<typeof NewRefillBody>;

/** A pharmacy as the patient types it; the server checks each field and names every problem. */
export const PharmacyBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    addressLine1: Type.String({ maxLength: 300 }),
    addressLine2: Type.Optional(Type.String({ maxLength: 300 })),
    city: Type.String({ maxLength: 200 }),
    state: Type.String({ maxLength: 50 }),
    postalCode: Type.String({ maxLength: 20 }),
    phone: Type.String({ maxLength: 50 }),
    ncpdpId: Type.Optional(Type.String({ maxLength: 20 })),
    preferred: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PharmacyBody = Static<typeof PharmacyBody>;

export const Pharmacy = Type.Object({
  id: Uuid,
  name: Type.String(),
  addressLine1: Type.String(),
  addressLine2: NullableString,
  city: Type.String(),
  state: Type.String(),
  postalCode: Type.String(),
  phone: Type.String(),
  ncpdpId: NullableString,
  preferred: Type.Boolean(),
});
export type Pharmacy = Static<typeof Pharmacy>;

export const PharmacyList = Type.Object({ pharmacies: Type.Array(Pharmacy) });
export type PharmacyList = Static<typeof PharmacyList>;

export const RefillDecision = Type.Union([Type.Literal('approve'), Type.Literal('deny'), Type.Literal('visit')]);
export type RefillDecision = Static<typeof RefillDecision>;

export const RefillDecisionBody = Type.Object(
  {
    decision: RefillDecision,
    /** Approve only: a quantity other than the prescription's. */
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    /** Required to deny or to ask for a visit; the patient reads it. */
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type RefillDecisionBody = Static<typeof RefillDecisionBody>;

/** An open refill request as the care team sees it in the queue. */
export const RefillQueueItem = Type.Intersect([
  RefillRequest,
  Type.Object({
    patient: Type.Object({ id: Uuid, name: Type.String(), birthDate: IsoDate }),
    prescriber: PersonRef,
    directions: Type.String(),
    quantity: Type.Integer(),
    daysSupply: Type.Union([Type.Integer(), Type.Null()]),
    refillsRemaining: Type.Integer(),
    lastFilledOn: Type.Union([IsoDate, Type.Null()]),
    controlledSchedule: Type.Union([ControlledSchedule, Type.Null()]),
    pharmacyDetails: Pharmacy,
    /** Who answers it: the prescriber, or whoever it went to because the prescriber was not available. */
    answeredBy: RefillAnswerer,
    /** Why it is in this person's queue: they prescribed it, or they are in the prescriber's pool. */
    mine: Type.Union([Type.Literal('prescriber'), Type.Literal('pool'), Type.Null()]),
    /** Only the prescriber and their pool may decide. */
    canDecide: Type.Boolean(),
  }),
]);
export type RefillQueueItem = Static<typeof RefillQueueItem>;

export const RefillQueue = Type.Object({ requests: Type.Array(RefillQueueItem) });
export type RefillQueue = Static<typeof RefillQueue>;
