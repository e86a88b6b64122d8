import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { PasskeyCreated, PasskeyOptions, WebAuthnResponse } from '@portico/contracts';
import type { ApiClient } from '../../app/api';

export type { Passkey, PasskeyCreated, PasskeyList } from '@portico/contracts';

/** Whether this browser can use passkeys at all (WebAuthn, on a secure page). */
export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

// The server made these options with the same library; they pass through untouched.
const asCreation = (o: PasskeyOptions) => o.options as unknown as PublicKeyCredentialCreationOptionsJSON;
const asRequest = (o: PasskeyOptions) => o.options as unknown as PublicKeyCredentialRequestOptionsJSON;
const asBody = (r: AuthenticationResponseJSON | object) => r as unknown as WebAuthnResponse;

/** Makes a new passkey on this device (the browser asks how) and saves it under `name`. */
export async function createPasskey(api: ApiClient, name: string): Promise<PasskeyCreated> {
  const options = await api.post<PasskeyOptions>('/api/auth/passkeys/register/options');
  const credential = await startRegistration({ optionsJSON: asCreation(options) });
  return api.post<PasskeyCreated>('/api/auth/passkeys', { name, credential: asBody(credential) });
}

/**
 * Answers a challenge from `optionsPath` with a passkey and sends the answer to `verifyPath`
 * (sign-in, the second step, or step-up).
 */
export async function answerWithPasskey<T>(
  api: ApiClient,
  optionsPath: string,
  verifyPath: string,
  extra: { trustDevice?: boolean } = {},
): Promise<T> {
  const options = await api.post<PasskeyOptions>(optionsPath);
  const credential = await startAuthentication({ optionsJSON: asRequest(options) });
  return api.post<T>(verifyPath, { credential: asBody(credential), ...extra });
}

/** The browser's own refusal (the person cancelled, or no passkey was there), as opposed to the server's. */
export function isBrowserRefusal(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'NotAllowedError' ||
      error.name === 'AbortError' ||
      error.name === 'InvalidStateError' ||
      error.name === 'WebAuthnError')
  );
}
