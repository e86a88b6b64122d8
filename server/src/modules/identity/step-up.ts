import type { StepUpBody } from '@portico/contracts';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { MfaService } from './mfa.js';
import type { MfaRepository } from './mfa-repository.js';
import { verifyPassword } from './passwords.js';
import type { IdentityRepository } from './repository.js';
import { localPasswordAllowed, localPasswordDisabled } from './sso/local-passwords.js';

/**
 * Step-up: sensitive changes (password, email, factors, sharing a record, downloading it,
 * approving an app) need a sign-in or re-authentication within the last few minutes.
 */
export class StepUpService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly users: IdentityRepository,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly minutes: number,
    /** Off: the workforce has no Portico password to re-prove itself with (SSO only). */
    private readonly workforceLocalPasswords = true,
  ) {}

  /**
   * Throws 403 `step_up_required` unless this session proved itself recently: a sign-in (password,
   * emailed link, passkey, or the hospital's provider for SSO accounts, which have no Portico
   * password to give again) or a re-authentication within the window. Every account, with or
   * without a second factor.
   */
  async require(caller: Caller): Promise<void> {
    if (!caller.sessionId) throw unauthenticated();
    const at = await this.repo.reauthenticatedAt(caller.sessionId);
    if (at && Date.now() - at.getTime() <= this.minutes * 60_000) return;
    throw new AppError(
      'step_up_required',
      403,
      'To keep your account safe, confirm it is you before making this change.',
    );
  }

  /**
   * Changing the password: the current password comes in the same request, which is all an account
   * without a second factor could re-prove. An account with one also needs a step-up within the
   * window, so a password alone (say, read over a shoulder) cannot replace itself.
   */
  async requireForPasswordChange(caller: AuthenticatedCaller): Promise<void> {
    if ((await this.mfa.methods(caller.userId)).length === 0) return;
    await this.require(caller);
  }

  /** Re-authenticates with the password or a code from the app; returns until when it counts. */
  async reauthenticate(caller: AuthenticatedCaller, body: StepUpBody): Promise<Date> {
    if (body.code) {
      await this.mfa.verifyCode(caller, caller.userId, 'totp', body.code);
    } else {
      // Where the password cannot sign in, it cannot stand in for a sign-in either.
      if (!localPasswordAllowed(caller.role, this.workforceLocalPasswords)) throw localPasswordDisabled();
      const user = await this.users.findUserById(caller.userId);
      const ok = Boolean(
        body.password && user?.password_hash && (await verifyPassword(user.password_hash, body.password)),
      );
      if (!ok) {
        await this.audit.record(caller, {
          action: 'auth.step_up',
          entityType: 'User',
          entityId: caller.userId,
          outcome: 'denied',
        });
        throw new AppError('invalid_credentials', 400, 'That password is not right.', [
          { field: 'password', message: 'This is not your password.' },
        ]);
      }
    }
    return this.passed(caller);
  }

  /** Marks the session as freshly re-authenticated (also used after a passkey check). */
  async passed(caller: AuthenticatedCaller): Promise<Date> {
    await this.repo.markReauthenticated(caller.sessionId);
    await this.audit.record(caller, {
      action: 'auth.step_up',
      entityType: 'User',
      entityId: caller.userId,
      outcome: 'allowed',
    });
    return new Date(Date.now() + this.minutes * 60_000);
  }
}
