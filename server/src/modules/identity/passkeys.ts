import type { Passkey, PasskeyCreated, WebAuthnOptions, WebAuthnResponse } from '@portico/contracts';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { MfaService } from './mfa.js';
import type { CredentialRow, PasskeysRepository } from './passkeys-repository.js';
import type { IdentityRepository } from './repository.js';
import { localPasswordAllowed, localPasswordDisabled } from './sso/local-passwords.js';
import type { SignInThrottle } from './throttle.js';
import {
  CHALLENGE_MINUTES,
  challengeFromClientData,
  counterLooksCloned,
  relyingParty,
  transportsToText,
  userVerificationRequired,
  type PasskeyPurpose,
  type RelyingPartyIdentity,
} from './webauthn.js';

/** The WebAuthn library (with its CBOR and certificate parsers) loads with the first passkey ceremony. */
const webauthn = () => import('@simplewebauthn/server');

export interface PasskeyPolicy {
  publicUrl: string;
  workforceLocalPasswords: boolean;
}

type CheckPurpose = Exclude<PasskeyPurpose, 'register'>;

/** Passkeys (WebAuthn): register, list, rename, remove, and checks for sign-in, second step and step-up. */
export class PasskeyService {
  private readonly rp: RelyingPartyIdentity | null;

  constructor(
    private readonly repo: PasskeysRepository,
    private readonly mfa: MfaService,
    private readonly users: IdentityRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly policy: PasskeyPolicy,
  ) {
    this.rp = relyingParty(policy.publicUrl);
  }

  private party(): RelyingPartyIdentity {
    if (!this.rp) throw new AppError('passkey_invalid', 400, 'Passkeys need Portico to be reached by a domain name.');
    return this.rp;
  }

  async list(userId: string): Promise<Passkey[]> {
    return (await this.repo.listForUser(userId)).map(toDto);
  }

  /** Options for navigator.credentials.create(); the challenge is kept for 5 minutes, for this account. */
  async registrationOptions(caller: AuthenticatedCaller, email: string, displayName: string): Promise<WebAuthnOptions> {
    const rp = this.party();
    const existing = await this.repo.listForUser(caller.userId);
    const options = await (
      await webauthn()
    ).generateRegistrationOptions({
      rpName: rp.rpName,
      rpID: rp.rpID,
      userName: email,
      userDisplayName: displayName || email,
      // The account's random id: no personal data in the authenticator's user handle.
      userID: new TextEncoder().encode(caller.userId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
      // Discoverable where the authenticator can (sign-in without typing an email); a security key
      // that cannot still works as the second step.
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    await this.repo.insertChallenge(options.challenge, caller.userId, 'register', expiry());
    return { ...options };
  }

  /** Checks the new credential against the stored challenge and keeps its public key. */
  async register(caller: AuthenticatedCaller, name: string, credential: WebAuthnResponse): Promise<PasskeyCreated> {
    const rp = this.party();
    const challenge = await this.spendChallenge(caller, 'register', credential, caller.userId);
    let info;
    try {
      const result = await (
        await webauthn()
      ).verifyRegistrationResponse({
        response: credential as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: false,
      });
      info = result.verified ? result.registrationInfo : undefined;
    } catch {
      info = undefined;
    }
    if (!info) {
      await this.record(caller, 'auth.passkey.register', 'denied', null, { reason: 'not_verified' });
      throw invalid();
    }
    const verified = info;
    const row = await this.repo.transaction(async (repo, trx) => {
      const inserted = await repo.insert({
        userId: caller.userId,
        credentialId: verified.credential.id,
        publicKey: verified.credential.publicKey,
        signCount: verified.credential.counter,
        transports: transportsToText(verified.credential.transports),
        name: name.trim() || 'Passkey',
        backedUp: verified.credentialBackedUp,
      });
      if (!inserted) throw new AppError('conflict', 409, 'This passkey is already set up.');
      await this.record(caller, 'auth.passkey.register', 'allowed', inserted.id, { backedUp: inserted.backed_up }, trx);
      return inserted;
    });
    const recoveryCodes =
      (await this.mfa.status(caller.userId, false)).recoveryCodesLeft === 0
        ? await this.mfa.newCodes(caller.userId)
        : [];
    // Trust given under the old factors ends (as for the authenticator app).
    await this.mfa.revokeTrustedDevices(caller.userId);
    return { passkey: toDto(row), recoveryCodes };
  }

  async rename(caller: AuthenticatedCaller, id: string, name: string): Promise<Passkey> {
    const row = await this.repo.transaction(async (repo, trx) => {
      const renamed = await repo.rename(caller.userId, id, name.trim() || 'Passkey');
      if (renamed) await this.record(caller, 'auth.passkey.rename', 'allowed', renamed.id, undefined, trx);
      return renamed;
    });
    if (!row) throw notFound('This passkey');
    return toDto(row);
  }

  /** Removes one passkey (the route asks for step-up first); the last factor gone takes the recovery codes. */
  async remove(caller: AuthenticatedCaller, id: string): Promise<void> {
    const removed = await this.repo.transaction(async (repo, trx) => {
      const ok = await repo.remove(caller.userId, id);
      if (ok) await this.record(caller, 'auth.passkey.remove', 'allowed', id, undefined, trx);
      return ok;
    });
    if (!removed) throw notFound('This passkey');
    const s = await this.mfa.status(caller.userId, false);
    if (!s.totp && s.passkeys === 0) await this.mfa.clearRecoveryCodes(caller.userId);
    await this.mfa.revokeTrustedDevices(caller.userId);
  }

  /**
   * Options for navigator.credentials.get(). With an account (second step, step-up) only its
   * passkeys are offered; for sign-in none are named, so the browser offers the discoverable ones.
   */
  async authenticationOptions(purpose: CheckPurpose, userId: string | null): Promise<WebAuthnOptions> {
    const rp = this.party();
    const mine = userId ? await this.repo.listForUser(userId) : [];
    if (userId && mine.length === 0) throw invalid();
    const options = await (
      await webauthn()
    ).generateAuthenticationOptions({
      rpID: rp.rpID,
      allowCredentials: mine.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
      userVerification: userVerificationRequired(purpose) ? 'required' : 'preferred',
    });
    await this.repo.insertChallenge(options.challenge, userId, purpose, expiry());
    return { ...options };
  }

  /**
   * Checks an answer to a challenge of this purpose: the challenge is spent first (once, in time,
   * for this account), then the credential must be this account's, the signature right and the
   * counter moving forward. Returns the account it proves.
   */
  async check(
    caller: Caller,
    purpose: CheckPurpose,
    credential: WebAuthnResponse,
    userId: string | null,
  ): Promise<string> {
    const rp = this.party();
    const challenge = await this.spendChallenge(caller, purpose, credential, userId);
    const action = `auth.passkey.${purpose}`;
    const row = await this.repo.findByCredentialId(credential.id);
    const handle = typeof credential.response['userHandle'] === 'string' ? credential.response['userHandle'] : null;
    const owner = row && (userId === null || row.user_id === userId) ? row : undefined;
    if (!owner || (handle !== null && Buffer.from(handle, 'base64url').toString('utf8') !== owner.user_id)) {
      await this.record(caller, action, 'denied', null, { reason: row ? 'other_account' : 'unknown_credential' });
      throw invalid();
    }
    const who = await this.accountCaller(caller, owner.user_id);
    let info;
    try {
      const result = await (
        await webauthn()
      ).verifyAuthenticationResponse({
        response: credential as unknown as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        // The counter is judged below, after the signature, so a forged counter cannot raise an alarm.
        credential: {
          id: owner.credential_id,
          publicKey: new Uint8Array(owner.public_key),
          counter: 0,
          transports: transportsOf(owner),
        },
        requireUserVerification: userVerificationRequired(purpose),
      });
      info = result.verified ? result.authenticationInfo : undefined;
    } catch {
      info = undefined;
    }
    if (!info) {
      await this.record(who, action, 'denied', owner.id, { reason: 'not_verified' });
      throw invalid();
    }
    if (counterLooksCloned(owner.sign_count, info.newCounter)) {
      await this.record(who, action, 'denied', owner.id, { reason: 'counter', cloneSuspected: true });
      throw invalid();
    }
    const backedUp = info.credentialBackedUp;
    const newCounter = info.newCounter;
    await this.repo.transaction(async (repo, trx) => {
      if (!(await repo.recordUse(owner.id, owner.sign_count, newCounter, backedUp))) throw invalid();
      await this.record(who, action, 'allowed', owner.id, undefined, trx);
    });
    return owner.user_id;
  }

  /** Sign-in with a passkey alone: the account must be usable and allowed to sign in here. */
  async signIn(caller: Caller, credential: WebAuthnResponse): Promise<string> {
    const userId = await this.check(caller, 'sign_in', credential, null);
    const user = await this.users.findUserById(userId);
    if (!user || user.disabled_at || !user.email_verified_at) throw invalid();
    if (!localPasswordAllowed(user.role, this.policy.workforceLocalPasswords)) throw localPasswordDisabled();
    await this.throttle.succeeded(user.email);
    return userId;
  }

  /** Expired challenges (used or not) an hour on: nothing can answer them any more. */
  purgeChallenges(): Promise<number> {
    return this.repo.purgeChallenges(new Date(Date.now() - 3_600_000));
  }

  private async spendChallenge(
    caller: Caller,
    purpose: PasskeyPurpose,
    credential: WebAuthnResponse,
    userId: string | null,
  ): Promise<string> {
    const challenge = challengeFromClientData(credential.response['clientDataJSON']);
    if (challenge && (await this.repo.consumeChallenge(challenge, purpose, userId))) return challenge;
    await this.record(caller, `auth.passkey.${purpose}`, 'denied', null, { reason: 'challenge' });
    throw new AppError(
      'passkey_challenge_expired',
      400,
      'This passkey request has expired or was already used. Please try again.',
    );
  }

  private async accountCaller(caller: Caller, userId: string): Promise<Caller> {
    if (caller.userId === userId) return caller;
    const user = await this.users.findUserById(userId);
    return { ...caller, userId, role: user?.role ?? null, organizationId: user?.organization_id ?? null };
  }

  private record(
    caller: Caller,
    action: string,
    outcome: 'allowed' | 'denied',
    entityId: string | null,
    detail?: Record<string, string | number | boolean>,
    trx?: Kysely<Database>,
  ): Promise<void> {
    return this.audit.record(
      caller,
      { action, entityType: 'WebAuthnCredential', entityId, outcome, ...(detail ? { detail } : {}) },
      trx,
    );
  }
}

const expiry = (): Date => new Date(Date.now() + CHALLENGE_MINUTES * 60_000);

const invalid = (): AppError =>
  new AppError('passkey_invalid', 400, 'That passkey could not be checked. Try again, or sign in another way.');

function transportsOf(c: CredentialRow): AuthenticatorTransportFuture[] {
  return c.transports.split(',').filter(Boolean) as AuthenticatorTransportFuture[];
}

function toDto(c: CredentialRow): Passkey {
  return {
    id: c.id,
    name: c.name,
    backedUp: c.backed_up,
    createdAt: c.created_at.toISOString(),
    lastUsedAt: c.last_used_at ? c.last_used_at.toISOString() : null,
  };
}
