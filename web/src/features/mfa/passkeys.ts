import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
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

/** A host written as an IP address (v4, or v6 in any form): WebAuthn refuses those as a relying party. */
export function isIpAddress(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[');
}

/**
 * Whether the sign-in page should offer passkeys in the email field's autofill (WebAuthn
 * conditional mediation): the browser can, and Portico is reached by a name. Anything else —
 * an older browser, a check that throws, an IP address — falls back quietly to the button.
 */
export async function autofillAvailable(
  hostname: string = window.location.hostname,
  supports: () => Promise<boolean> = browserSupportsWebAuthnAutofill,
): Promise<boolean> {
  if (!hostname || isIpAddress(hostname)) return false;
  try {
    return await supports();
  } catch {
    return false;
  }
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

/**
 * Waits, without any dialog, for the person to pick one of their passkeys from the email field's
 * autofill list, then signs in with it. A later `answerWithPasskey` (the button) cancels the wait;
 * null when the wait was no longer wanted by the time the challenge came.
 */
export async function answerFromAutofill<T>(
  api: ApiClient,
  optionsPath: string,
  verifyPath: string,
  stillWanted: () => boolean,
): Promise<T | null> {
  const options = await api.post<PasskeyOptions>(optionsPath);
  // The button may have been pressed meanwhile: starting now would cancel its dialog.
  if (!stillWanted()) return null;
  const credential = await startAuthentication({ optionsJSON: asRequest(options), useBrowserAutofill: true });
  return api.post<T>(verifyPath, { credential: asBody(credential) });
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
