import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';

/** The telehealth consent text the patient accepts at check-in; its wording lives in the web app. */
export const TELEHEALTH_CONSENT_VERSION = '2026-11-01';

const Code2 = Type.String({ pattern: '^[A-Z]{2}$' });
const Phone = Type.String({ pattern: '^[+0-9 ().-]{7,40}$' });
const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$' });
/** A language of Portico's pages (BCP 47: es, pt-BR, zh-Hans). */
const PageLanguage = Type.String({ pattern: '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$', maxLength: 12 });

export const EncounterStatus = Type.Union([
  Type.Literal('planned'),
  Type.Literal('arrived'),
  Type.Literal('in-progress'),
  Type.Literal('finished'),
  Type.Literal('cancelled'),
]);
export type EncounterStatus = Static<typeof EncounterStatus>;

export const VisitOutcome = Type.Union([
  Type.Literal('completed_video'),
  Type.Literal('completed_phone'),
  Type.Literal('technical_failure'),
  Type.Literal('no_show'),
  Type.Literal('cancelled'),
]);
export type VisitOutcome = Static<typeof VisitOutcome>;

export const ParticipantRole = Type.Union([
  Type.Literal('patient'),
  Type.Literal('clinician'),
  Type.Literal('guest'),
  Type.Literal('interpreter'),
  Type.Literal('staff'),
]);
export type ParticipantRole = Static<typeof ParticipantRole>;

/** What the day view shows for each visit. */
export const LiveState = Type.Union([
  Type.Literal('not_checked_in'),
  Type.Literal('checked_in'),
  Type.Literal('waiting'),
  Type.Literal('in_visit'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('no_show'),
]);
export type LiveState = Static<typeof LiveState>;

export const CheckInBody = Type.Object(
  {
    location: Type.Object({ country: Code2, region: Type.Optional(Code2) }, { additionalProperties: false }),
    medicationsConfirmed: Type.Boolean(),
    questions: Type.Optional(Type.String({ maxLength: 2000 })),
    contactPhone: Phone,
    insuranceConfirmed: Type.Boolean(),
    consentVersion: Type.String({ minLength: 1, maxLength: 40 }),
    consentAccepted: Type.Boolean(),
    interpreterLanguage: Type.Optional(LanguageCode),
  },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBody>;

export const CheckInAnswers = Type.Object({
  locationCountry: Type.String(),
  locationRegion: Type.Union([Type.String(), Type.Null()]),
  locationAllowed: Type.Boolean(),
  medicationsConfirmed: Type.Boolean(),
  questions: Type.String(),
  contactPhone: Type.String(),
  insuranceConfirmed: Type.Boolean(),
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: IsoDateTime,
});
export type CheckInAnswers = Static<typeof CheckInAnswers>;

export const Participant = Type.Object({
  id: Uuid,
  role: ParticipantRole,
  name: Type.String(),
  admitted: Type.Boolean(),
});
export type Participant = Static<typeof Participant>;

export const VisitView = Type.Object({
  appointmentId: Uuid,
  encounterId: Uuid,
  status: EncounterStatus,
  liveState: LiveState,
  mode: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
  modality: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
  start: IsoDateTime,
  end: IsoDateTime,
  timeZone: Type.String(),
  patientName: Type.String(),
  clinicianName: Type.String(),
  clinicianPhotoUrl: Type.String(),
  organizationName: Type.String(),
  organizationPhone: Type.String(),
  techHelpPhone: Type.String(),
  /** The interpreter the appointment needs (ISO 639 code), or null. */
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
  checkIn: Type.Object({
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    open: Type.Boolean(),
    /** US states (or "any") where the patient must be at the time of the visit. */
    allowedRegions: Type.Array(Type.String()),
    consentVersion: Type.String(),
    answers: Type.Union([CheckInAnswers, Type.Null()]),
  }),
  waiting: Type.Object({
    since: Type.Union([IsoDateTime, Type.Null()]),
    /** 1 = next to be seen. */
    place: Type.Union([Type.Integer(), Type.Null()]),
    clinicianConnected: Type.Boolean(),
    clinicianInAnotherVisit: Type.Boolean(),
    runningLateMinutes: Type.Union([Type.Integer(), Type.Null()]),
  }),
  phoneFallback: Type.Object({
    active: Type.Boolean(),
    number: Type.Union([Type.String(), Type.Null()]),
    cantConnectAt: Type.Union([IsoDateTime, Type.Null()]),
  }),
  outcome: Type.Union([VisitOutcome, Type.Null()]),
  participants: Type.Array(Participant),
  you: Type.Object({
    role: ParticipantRole,
    canAdmit: Type.Boolean(),
    canInvite: Type.Boolean(),
  }),
});
export type VisitView = Static<typeof VisitView>;

export const QueueQuery = Type.Object(
  { date: Type.Optional(IsoDate), clinicianId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueEntry = Type.Object({
  appointmentId: Uuid,
  start: IsoDateTime,
  end: IsoDateTime,
  patientName: Type.String(),
  clinicianId: Uuid,
  clinicianName: Type.String(),
  visitTypeName: Type.String(),
  mode: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
  liveState: LiveState,
  waitingMinutes: Type.Union([Type.Integer(), Type.Null()]),
  checkIn: Type.Union([CheckInAnswers, Type.Null()]),
  /** The interpreter the appointment needs (ISO 639 code), or null. */
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
  cantConnectPhone: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([VisitOutcome, Type.Null()]),
  /** The caller may let this patient in: the visit's clinician, or staff they named. */
  canAdmit: Type.Boolean(),
});
export type QueueEntry = Static<typeof QueueEntry>;

export const Delegate = Type.Object({ userId: Uuid, name: Type.String(), email: Type.String() });
export type Delegate = Static<typeof Delegate>;
export const DelegateList = Type.Object({ delegates: Type.Array(Delegate) });
export type DelegateList = Static<typeof DelegateList>;
export const AddDelegateBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }) },
  { additionalProperties: false },
);
export type AddDelegateBody = Static<typeof AddDelegateBody>;
export const QueueList = Type.Object({ timeZone: Type.String(), date: IsoDate, visits: Type.Array(QueueEntry) });
export type QueueList = Static<typeof QueueList>;

export const AdmitBody = Type.Object({ participantId: Type.Optional(Uuid) }, { additionalProperties: false });
export type AdmitBody = Static<typeof AdmitBody>;
export const RunningLateBody = Type.Object(
  { minutes: Type.Integer({ minimum: 0, maximum: 240 }) },
  { additionalProperties: false },
);
export type RunningLateBody = Static<typeof RunningLateBody>;
export const PhoneFallbackBody = Type.Object({ number: Type.Optional(Phone) }, { additionalProperties: false });
export type PhoneFallbackBody = Static<typeof PhoneFallbackBody>;
export const EndVisitBody = Type.Object(
  {
    outcome: Type.Optional(
      Type.Union([Type.Literal('completed'), Type.Literal('technical_failure'), Type.Literal('no_show')]),
    ),
  },
  { additionalProperties: false },
);
export type EndVisitBody = Static<typeof EndVisitBody>;

export const GuestInviteBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('guest'), Type.Literal('interpreter')]),
    label: Type.String({ minLength: 1, maxLength: 80 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    language: Type.Optional(LanguageCode),
    /** The language the link's pages open in. */
    pageLanguage: Type.Optional(PageLanguage),
  },
  { additionalProperties: false },
);
export type GuestInviteBody = Static<typeof GuestInviteBody>;
export const GuestInvite = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('guest'), Type.Literal('interpreter')]),
  label: Type.String(),
  language: Type.Union([Type.String(), Type.Null()]),
  pageLanguage: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  revoked: Type.Boolean(),
  inUseBy: Type.Union([Type.String(), Type.Null()]),
  /** Present only in the answer that creates it: the link is never shown again. */
  link: Type.Optional(Type.String()),
});
export type GuestInvite = Static<typeof GuestInvite>;
export const GuestInviteList = Type.Object({ guests: Type.Array(GuestInvite) });
export type GuestInviteList = Static<typeof GuestInviteList>;
export const GuestClaimBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type GuestClaimBody = Static<typeof GuestClaimBody>;
export const GuestVisit = Type.Object({
  appointmentId: Uuid,
  kind: Type.Union([Type.Literal('guest'), Type.Literal('interpreter')]),
  name: Type.String(),
  start: IsoDateTime,
  timeZone: Type.String(),
  organizationName: Type.String(),
  techHelpPhone: Type.String(),
  /** The language the inviter chose for this link's pages, or null. */
  pageLanguage: Type.Union([Type.String(), Type.Null()]),
});
export type GuestVisit = Static<typeof GuestVisit>;

export const IceServers = Type.Object({
  iceServers: Type.Array(
    Type.Object({
      urls: Type.Array(Type.String()),
      username: Type.Optional(Type.String()),
      credential: Type.Optional(Type.String()),
    }),
  ),
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  /** 'relay' when this Portico sends all media through its TURN relay (use it as RTCConfiguration's). */
  iceTransportPolicy: Type.Optional(Type.Literal('relay')),
});
export type IceServers = Static<typeof IceServers>;

// ---- signaling over the visit WebSocket ----

/** Opaque WebRTC negotiation payloads are relayed as-is, within these bounds. */
export const SignalData = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('description'),
      type: Type.Union([Type.Literal('offer'), Type.Literal('answer')]),
      sdp: Type.String({ maxLength: 60_000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('candidate'),
      candidate: Type.String({ maxLength: 2_000 }),
      sdpMid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
      sdpMLineIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 64 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
]);
export type SignalData = Static<typeof SignalData>;

export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('signal'), to: Uuid, data: SignalData }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('media'),
      audio: Type.Boolean(),
      video: Type.Boolean(),
      quality: Type.Optional(Type.Union([Type.Literal('good'), Type.Literal('fair'), Type.Literal('poor')])),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('connected'), video: Type.Boolean() }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

export interface MediaState {
  audio: boolean;
  video: boolean;
  quality?: 'good' | 'fair' | 'poor';
}

/** Everything the server sends on the visit socket. */
export type ServerMessage =
  | { type: 'welcome'; participantId: string; role: ParticipantRole; admitted: boolean }
  | { type: 'visit'; visit: VisitView }
  | { type: 'signal'; from: string; data: SignalData }
  | { type: 'media'; from: string; state: MediaState }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string }
  | { type: 'bye'; reason: 'visit_ended' | 'removed' | 'replaced' | 'cancelled' };

/**
 * WebSocket close code the server sends to every visit page when it shuts down (RFC 6455's
 * "Service Restart"): the page reconnects at once instead of backing off.
 */
export const SERVER_RESTARTING_CLOSE_CODE = 1012;
