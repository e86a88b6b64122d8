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
  /** The policy asks this account for a second factor first: the app takes it to set one up (issue 13). */
  mfaEnrollmentRequired: Type.Boolean(),
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

// ---- second factor (issue 13) ----

export const MfaMethod = Type.Union([Type.Literal('totp'), Type.Literal('recovery'), Type.Literal('passkey')]);
export type MfaMethod = Static<typeof MfaMethod>;

/** Password accepted; a second factor is still needed (nothing else is open until then). */
export const MfaChallenge = Type.Object({
  mfaRequired: Type.Literal(true),
  methods: Type.Array(MfaMethod),
  expiresInSeconds: Type.Integer(),
});
export type MfaChallenge = Static<typeof MfaChallenge>;

/** A sign-in answer: a session, or the second step. */
export const SignInResult = Type.Union([SessionInfo, MfaChallenge]);
export type SignInResult = Static<typeof SignInResult>;

export const MfaCode = Type.String({ minLength: 6, maxLength: 20, pattern: '^[0-9A-Za-z -]+$' });

export const MfaVerifyBody = Type.Object(
  {
    method: Type.Union([Type.Literal('totp'), Type.Literal('recovery')]),
    code: MfaCode,
    /** "Trust this device for 30 days". */
    trustDevice: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MfaVerifyBody = Static<typeof MfaVerifyBody>;

export const MfaStatus = Type.Object({
  totp: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
  passkeys: Type.Integer(),
  /** The organization's policy asks this account for a second factor. */
  required: Type.Boolean(),
});
export type MfaStatus = Static<typeof MfaStatus>;

export const TotpEnrollment = Type.Object({
  /** Base32, for typing into the app by hand. */
  secret: Type.String(),
  otpauthUri: Type.String(),
  /** The QR code as a data: URL (SVG), drawn by the server. */
  qrCode: Type.String(),
});
export type TotpEnrollment = Static<typeof TotpEnrollment>;

export const CodeBody = Type.Object({ code: MfaCode }, { additionalProperties: false });
export type CodeBody = Static<typeof CodeBody>;

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

/** Re-authentication for a sensitive change: the password, or a code from the app. */
export const StepUpBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    code: Type.Optional(MfaCode),
  },
  { additionalProperties: false },
);
export type StepUpBody = Static<typeof StepUpBody>;

export const StepUpState = Type.Object({ validUntil: IsoDateTime });
export type StepUpState = Static<typeof StepUpState>;
