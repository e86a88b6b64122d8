/** Pure WebAuthn rules: who the relying party is, what each check demands, and clone detection. */

export type PasskeyPurpose = 'register' | 'second_factor' | 'sign_in' | 'step_up';

export interface RelyingPartyIdentity {
  /** The RP ID every passkey is bound to: the public URL's host name, without port. */
  rpID: string;
  /** The exact origin the browser reports in clientDataJSON. */
  origin: string;
  rpName: string;
}

/** How long a challenge may be answered. */
export const CHALLENGE_MINUTES = 5;

/**
 * The relying party from the configured public URL (PORTICO_PUBLIC_URL). Browsers bind a passkey
 * to a domain, never to an IP address or a port, so an IP host yields null (passkeys off).
 */
export function relyingParty(publicUrl: string): RelyingPartyIdentity | null {
  const url = new URL(publicUrl);
  const host = url.hostname;
  if (/^[0-9.]+$/.test(host) || host.startsWith('[')) return null;
  return { rpID: host, origin: url.origin, rpName: 'Portico' };
}

/**
 * Whether the authenticator must verify the person (PIN, fingerprint, face). Signing in with a
 * passkey alone and confirming a sensitive change stand in for a password, so they need it; as the
 * second step after a password, a touch of a security key is enough.
 */
export function userVerificationRequired(purpose: PasskeyPurpose): boolean {
  return purpose === 'sign_in' || purpose === 'step_up';
}

/**
 * A signature counter that did not move forward means two copies of one key exist (a cloned
 * authenticator). Authenticators that keep no counter (synced passkeys) always send 0.
 */
export function counterLooksCloned(stored: number, received: number): boolean {
  return (stored > 0 || received > 0) && received <= stored;
}

/** The `challenge` a browser signed, read from its clientDataJSON (base64url JSON), or null. */
export function challengeFromClientData(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 16_384) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('challenge' in parsed)) return null;
    const challenge = parsed.challenge;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,200}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

/** Transports as stored (comma-separated) and as WebAuthn lists them. */
export function transportsToText(list: readonly string[] | undefined): string {
  return (list ?? []).filter((t) => /^[a-z-]{1,20}$/.test(t)).join(',');
}
