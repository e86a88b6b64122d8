import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

// ---- passkeys (WebAuthn), issue 13 ----

/**
 * WebAuthn options as the server made them (PublicKeyCredentialCreationOptionsJSON or
 * PublicKeyCredentialRequestOptionsJSON): passed to the browser's WebAuthn call untouched.
 */
export const WebAuthnOptions = Type.Record(Type.String(), Type.Unknown());
export type WebAuthnOptions = Static<typeof WebAuthnOptions>;

export const PasskeyOptions = Type.Object({ options: WebAuthnOptions });
export type PasskeyOptions = Static<typeof PasskeyOptions>;

const B64Url = Type.String({ minLength: 1, maxLength: 16_384, pattern: '^[A-Za-z0-9_-]+$' });

/** What navigator.credentials.create() or .get() gave back, in its JSON form; the server checks the rest. */
export const WebAuthnResponse = Type.Object(
  {
    id: B64Url,
    rawId: B64Url,
    type: Type.Literal('public-key'),
    response: Type.Record(Type.String(), Type.Unknown()),
    clientExtensionResults: Type.Record(Type.String(), Type.Unknown()),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type WebAuthnResponse = Static<typeof WebAuthnResponse>;

export const PasskeyName = Type.String({ minLength: 1, maxLength: 80 });

export const PasskeyRegisterBody = Type.Object(
  { name: PasskeyName, credential: WebAuthnResponse },
  { additionalProperties: false },
);
export type PasskeyRegisterBody = Static<typeof PasskeyRegisterBody>;

export const PasskeyRenameBody = Type.Object({ name: PasskeyName }, { additionalProperties: false });
export type PasskeyRenameBody = Static<typeof PasskeyRenameBody>;

/** A signed-in check with a passkey: sign-in, the second step, or step-up. */
export const PasskeyVerifyBody = Type.Object(
  {
    credential: WebAuthnResponse,
    /** "Trust this device for 30 days" (the second step only). */
    trustDevice: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PasskeyVerifyBody = Static<typeof PasskeyVerifyBody>;

export const Passkey = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Synced between the person's devices (a passkey in a password manager or phone account). */
  backedUp: Type.Boolean(),
  createdAt: IsoDateTime,
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Passkey = Static<typeof Passkey>;

export const PasskeyList = Type.Object({ passkeys: Type.Array(Passkey) });
export type PasskeyList = Static<typeof PasskeyList>;

export const PasskeyCreated = Type.Object({
  passkey: Passkey,
  /** Fresh recovery codes when the account had none (its first factor); otherwise empty. */
  recoveryCodes: Type.Array(Type.String()),
});
export type PasskeyCreated = Static<typeof PasskeyCreated>;
