import { Type, type Static } from 'typebox';

/** Whether workforce single sign-on is set up, and the name on its button (docs/decisions/0032). */
export const SsoInfo = Type.Object({
  enabled: Type.Boolean(),
  /** "Sign in with <name>"; null when SSO is off. */
  name: Type.Union([Type.String(), Type.Null()]),
  /** False when clinicians, staff and admins may not sign in with a Portico password. */
  workforcePasswords: Type.Boolean(),
});
export type SsoInfo = Static<typeof SsoInfo>;

/** After signing out: the hospital's sign-out page to visit next, when the session began there. */
export const SignedOut = Type.Object({ redirectUrl: Type.Union([Type.String(), Type.Null()]) });
export type SignedOut = Static<typeof SignedOut>;

/** Why a hospital sign-in did not let the person in; the sign-in page reads it from ?sso_error=. */
export const SsoErrorCodes = [
  'sso_not_in_group',
  'sso_no_role',
  'sso_unknown_organization',
  'sso_patient_account',
  'sso_account_disabled',
  'sso_email_in_use',
  'sso_failed',
  'sso_unavailable',
] as const;
export type SsoErrorCode = (typeof SsoErrorCodes)[number];
