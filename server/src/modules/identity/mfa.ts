import type { MfaMethod, MfaStatus, TotpEnrollment } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import * as emails from './emails.js';
import { translator } from '../../lib/i18n.js';
import type { MfaKeys } from './mfa-crypto.js';
import type { LockedFactor, MfaRepository } from './mfa-repository.js';
import type { IdentityRepository } from './repository.js';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, qrDataUrl, totpUri } from './totp.js';

export interface MfaPolicy {
  publicUrl: string;
  trustedDeviceDays: number;
}

/** Wrong codes of one kind before that kind locks, and for how long. */
export const MAX_WRONG_CODES = 5;
export const FACTOR_LOCK_MINUTES = 15;
/** How long the step between password and second factor may take. */
export const PENDING_SIGN_IN_MINUTES = 5;

/** TOTP, recovery codes, the pending second step of a sign-in, and trusted devices. */
export class MfaService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly users: IdentityRepository,
    private readonly keys: MfaKeys,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly policy: MfaPolicy,
    /** Cached session look-ups carry "has a second factor": forgotten when factors change. */
    private readonly sessions?: { forget(what: { userId: string }): Promise<void> },
  ) {}

  async status(userId: string, required: boolean): Promise<MfaStatus> {
    const totp = await this.repo.findTotp(userId);
    return {
      totp: Boolean(totp?.confirmed_at),
      recoveryCodesLeft: await this.repo.recoveryCodesLeft(userId),
      passkeys: await this.repo.passkeyCount(userId),
      required,
    };
  }

  /** The second factors this account can use now; empty means the password alone signs in. */
  async methods(userId: string): Promise<MfaMethod[]> {
    const s = await this.status(userId, false);
    const out: MfaMethod[] = [];
    if (s.totp) out.push('totp');
    if (s.passkeys > 0) out.push('passkey');
    if (out.length > 0 && s.recoveryCodesLeft > 0) out.push('recovery');
    return out;
  }

  /** A new secret for an authenticator app; shown once, here, until it is confirmed with a code. */
  async startTotp(caller: AuthenticatedCaller, email: string): Promise<TotpEnrollment> {
    const existing = await this.repo.findTotp(caller.userId);
    if (existing?.confirmed_at) throw alreadyEnrolled();
    const secret = newTotpSecret();
    if (!(await this.repo.putUnconfirmedTotp(caller.userId, this.keys.seal(secret, caller.userId)))) {
      throw alreadyEnrolled();
    }
    const uri = totpUri(secret, email);
    return { secret, otpauthUri: uri, qrCode: await qrDataUrl(uri) };
  }

  /** Confirms the app with a first code; returns fresh recovery codes when there were none. */
  async confirmTotp(caller: AuthenticatedCaller, code: string): Promise<{ recoveryCodes: string[] }> {
    const row = await this.repo.findTotp(caller.userId);
    if (!row) throw new AppError('mfa_not_enrolled', 409, 'Start setting up the app again.');
    if (row.confirmed_at) throw alreadyEnrolled();
    const step = await checkTotp(this.keys.open(row.secret_sealed, caller.userId), code, row.last_time_step);
    if (step === null) return this.enrollDenied(caller);
    const recoveryCodes = await this.changeFactors(caller, 'auth.mfa.totp.enroll', async (repo) => {
      // The refusal below rolls back: a used step is kept only with the confirmation it made.
      if (!(await repo.useTimeStep(caller.userId, step, true))) throw codeInvalid();
      return (await repo.recoveryCodesLeft(caller.userId)) === 0 ? this.newCodes(caller.userId, repo) : [];
    }).catch(async (err: unknown) => {
      if (err instanceof AppError && err.code === 'mfa_code_invalid') return this.enrollDenied(caller);
      throw err;
    });
    return { recoveryCodes };
  }

  private async enrollDenied(caller: AuthenticatedCaller): Promise<never> {
    await this.record(caller, 'auth.mfa.totp.enroll', 'denied');
    throw codeInvalid();
  }

  async removeTotp(caller: AuthenticatedCaller): Promise<void> {
    await this.changeFactors(caller, 'auth.mfa.totp.remove', async (repo) => {
      if (!(await repo.deleteTotp(caller.userId)))
        throw new AppError('mfa_not_enrolled', 404, 'No authenticator app is set up.');
      if ((await repo.passkeyCount(caller.userId)) === 0) await repo.replaceRecoveryCodes(caller.userId, []);
    });
  }

  async regenerateRecoveryCodes(caller: AuthenticatedCaller): Promise<string[]> {
    const s = await this.status(caller.userId, false);
    if (!s.totp && s.passkeys === 0) {
      throw new AppError('mfa_not_enrolled', 409, 'Set up an authenticator app or a passkey first.');
    }
    return this.changeFactors(caller, 'auth.mfa.recovery.regenerate', (repo) => this.newCodes(caller.userId, repo));
  }

  /** Ten new recovery codes replace the old ones (used or not); in `repo`'s transaction when given. */
  async newCodes(userId: string, repo: MfaRepository = this.repo): Promise<string[]> {
    const codes = newRecoveryCodes();
    await repo.replaceRecoveryCodes(userId, codes.map(hashRecoveryCode));
    return codes;
  }

  /**
   * A factor change, the end of "trust this device" everywhere, and its audit row, in one
   * transaction (decision 0027): if the row cannot be written, the change is not kept either.
   */
  private async changeFactors<T>(
    caller: AuthenticatedCaller,
    action: string,
    change: (repo: MfaRepository) => Promise<T>,
  ): Promise<T> {
    const result = await this.repo.transaction(async (repo, trx) => {
      const out = await change(repo);
      const revoked = await repo.revokeTrustedDevices(caller.userId);
      await this.record(caller, action, 'allowed', { trustedDevicesRevoked: revoked }, trx);
      return out;
    });
    // After the commit: cached session look-ups carry "has a second factor".
    await this.sessions?.forget({ userId: caller.userId });
    return result;
  }

  /** No factor left: the recovery codes go with them. */
  clearRecoveryCodes(userId: string): Promise<void> {
    return this.repo.replaceRecoveryCodes(userId, []);
  }

  /**
   * Checks a TOTP or recovery code for an account. A wrong one counts against that kind of code
   * only; after MAX_WRONG_CODES it locks for a while (the account and its other factors stay
   * usable) and the owner is emailed.
   */
  async verifyCode(caller: Caller, userId: string, method: 'totp' | 'recovery', code: string): Promise<void> {
    const factor: LockedFactor = method;
    const until = await this.repo.lockedUntil(userId, factor);
    if (until) throw locked(until);
    let ok = false;
    if (method === 'totp') {
      const row = await this.repo.findTotp(userId);
      if (row?.confirmed_at) {
        const step = await checkTotp(this.keys.open(row.secret_sealed, userId), code, row.last_time_step);
        ok = step !== null && (await this.repo.useTimeStep(userId, step, false));
      }
    } else {
      ok = await this.repo.useRecoveryCode(userId, hashRecoveryCode(code));
    }
    const who = { ...caller, userId };
    if (ok) {
      await this.repo.clearFactor(userId, factor);
      await this.record(who, `auth.mfa.${method}`, 'allowed');
      return;
    }
    const lockedNow = await this.repo.failFactor(userId, factor, MAX_WRONG_CODES, FACTOR_LOCK_MINUTES * 60_000);
    await this.record(who, `auth.mfa.${method}`, 'denied', lockedNow ? { locked: true } : undefined);
    if (lockedNow) {
      const user = await this.users.findUserById(userId);
      if (user) {
        const tr = translator(await this.users.preferredLanguageOfUser(userId));
        await this.mail.send(
          emails.factorLocked(user.email, factor, FACTOR_LOCK_MINUTES, `${this.policy.publicUrl}/account`, tr),
        );
      }
      throw locked(new Date(Date.now() + FACTOR_LOCK_MINUTES * 60_000));
    }
    throw codeInvalid();
  }

  // ---- the pending second step of a sign-in ----

  /** Password (or emailed link) accepted: a short-lived token for the second step, nothing more. */
  async beginPending(userId: string): Promise<string> {
    const token = randomToken();
    await this.repo.insertPending(hashToken(token), userId, new Date(Date.now() + PENDING_SIGN_IN_MINUTES * 60_000));
    return token;
  }

  async pendingUser(token: string | undefined): Promise<{ id: string; userId: string }> {
    const row = token && token.length < 200 ? await this.repo.findPending(hashToken(token)) : undefined;
    if (!row) throw pendingExpired();
    return { id: row.id, userId: row.user_id };
  }

  /** Ends the pending step (once): the caller then starts the session. */
  async completePending(id: string): Promise<void> {
    if (!(await this.repo.completePending(id))) throw pendingExpired();
  }

  // ---- trusted devices ----

  /** A signed cookie value for "trust this device", or null when the policy gives no days. */
  async trustDevice(
    userId: string,
    userAgent: string | null,
  ): Promise<{ value: string; maxAgeSeconds: number } | null> {
    if (this.policy.trustedDeviceDays <= 0) return null;
    const ms = this.policy.trustedDeviceDays * 86_400_000;
    const id = await this.repo.insertTrustedDevice(userId, userAgent, new Date(Date.now() + ms));
    return { value: this.keys.signDevice(id, userId), maxAgeSeconds: ms / 1000 };
  }

  async isTrustedDevice(userId: string, cookie: string | undefined): Promise<boolean> {
    const id = this.keys.verifyDevice(cookie, userId);
    return id !== null && (await this.repo.trustedDeviceLive(id, userId));
  }

  /**
   * Called whenever factors change (passkeys too): cached session look-ups carry "has a second
   * factor", so they are forgotten on every instance as well.
   */
  async revokeTrustedDevices(userId: string): Promise<number> {
    const revoked = await this.repo.revokeTrustedDevices(userId);
    await this.sessions?.forget({ userId });
    return revoked;
  }

  private record(
    caller: Caller,
    action: string,
    outcome: 'allowed' | 'denied',
    detail?: Record<string, string | number | boolean>,
    trx?: Kysely<Database>,
  ) {
    return this.audit.record(
      caller,
      {
        action,
        entityType: 'User',
        entityId: caller.userId,
        outcome,
        ...(detail ? { detail } : {}),
      },
      trx,
    );
  }
}

const alreadyEnrolled = (): AppError =>
  new AppError(
    'mfa_already_enrolled',
    409,
    'An authenticator app is already set up. Remove it first to set up another.',
  );
const codeInvalid = (): AppError =>
  new AppError('mfa_code_invalid', 400, 'That code is not right. Check the newest code and try again.', [
    { field: 'code', message: 'This code is not right.' },
  ]);
const pendingExpired = (): AppError =>
  new AppError('mfa_sign_in_expired', 401, 'Signing in took too long. Please start again with your password.');
function locked(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    'mfa_factor_locked',
    429,
    'Too many wrong codes of this kind. Wait a while, or use another way to confirm it is you.',
    [],
    { 'retry-after': String(seconds) },
    { retryAfterSeconds: seconds },
  );
}
