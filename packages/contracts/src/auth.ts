import { Type, type Static } from 'typebox';
import { Email, IsoDate, IsoDateTime, Password, PersonName, Role, Uuid } from './common.js';

export const SessionUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: Role,
  displayName: Type.String(),
  organizationId: Type.Union([Uuid, Type.Null()]),
  /** The patient record this account belongs to (patients only). */
  patientId: Type.Union([Uuid, Type.Null()]),
  /** The directory clinician record linked to this account (clinicians.user_id), if any. */
  clinicianId: Type.Union([Uuid, Type.Null()]),
  /**
   * The language the person last chose to read Portico in, on any device (null if never). The web
   * app switches to it at sign-in.
   */
  language: Type.Union([Type.String(), Type.Null()]),
});
export type SessionUser = Static<typeof SessionUser>;

export const SessionInfo = Type.Object({
  user: SessionUser,
  csrfToken: Type.String(),
  idleExpiresAt: IsoDateTime,
  absoluteExpiresAt: IsoDateTime,
  idleTimeoutSeconds: Type.Integer(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const SessionState = Type.Object({
  session: Type.Union([SessionInfo, Type.Null()]),
});
export type SessionState = Static<typeof SessionState>;

/** The language a person chose to read Portico in (BCP 47: es, pt-BR, zh-Hans). */
export const LanguageBody = Type.Object(
  { language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$', maxLength: 12 }) },
  { additionalProperties: false },
);
export type LanguageBody = Static<typeof LanguageBody>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const SignupBody = Type.Object(
  {
    givenName: PersonName,
    familyName: PersonName,
    birthDate: IsoDate,
    email: Email,
    password: Password,
    organizationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const ActivateBody = Type.Object(
  {
    activationCode: Type.String({ minLength: 4, maxLength: 32 }),
    birthDate: IsoDate,
    email: Email,
    password: Password,
  },
  { additionalProperties: false },
);
export type ActivateBody = Static<typeof ActivateBody>;

export const TokenBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);
export type TokenBody = Static<typeof TokenBody>;

export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export type ResetRequestBody = Static<typeof ResetRequestBody>;

export const ResetCompleteBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export type ResetCompleteBody = Static<typeof ResetCompleteBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** Minimum rules a new password must meet; the server enforces, the UI explains. */
export const PASSWORD_MIN_LENGTH = 12;

/** One place an account is signed in ("Where you're signed in", issue 13). */
export const DeviceSession = Type.Object({
  id: Uuid,
  /** True for the session making this request. */
  current: Type.Boolean(),
  /** Browser and system, worked out from the User-Agent, e.g. "Chrome on Android". */
  browser: Type.String(),
  signedInAt: IsoDateTime,
  lastActiveAt: IsoDateTime,
  /** The network it came from, coarsely: IPv4 /24 ("203.0.113.x") or IPv6 /48; never the full address. */
  network: Type.Union([Type.String(), Type.Null()]),
});
export type DeviceSession = Static<typeof DeviceSession>;

export const DeviceSessionList = Type.Object({ sessions: Type.Array(DeviceSession) });
export type DeviceSessionList = Static<typeof DeviceSessionList>;

export const EndedCount = Type.Object({ ended: Type.Integer() });
export type EndedCount = Static<typeof EndedCount>;
