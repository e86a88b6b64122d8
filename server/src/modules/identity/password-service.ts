import type { ChangePasswordBody } from '@portico/contracts';
import type { Caller } from '../../lib/caller.js';
import { AppError } from '../../lib/errors.js';
import { translator } from '../../lib/i18n.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import type { AccountPolicy } from './accounts.js';
import * as emails from './emails.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import type { IdentityRepository, UserRow } from './repository.js';
import type { SessionService } from './sessions.js';
import { localPasswordAllowed, localPasswordDisabled } from './sso/local-passwords.js';
import { PASSWORD_RESET_JOB, askerOf, callerOf, text, tokenInvalid } from './account-requests.js';

const RESET_TTL_MS = 3_600_000;

/** Password reset by an emailed link, a workforce account's first password, and password change. */
export class PasswordService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly policy: AccountPolicy,
    private readonly jobs: JobService,
  ) {}

  /** The job that finishes password-reset requests (account-requests.ts). */
  registerJobs(): void {
    this.jobs.register(PASSWORD_RESET_JOB, async (p) => this.finishPasswordReset(callerOf(p), text(p, 'email')), {
      forgetPayload: true,
    });
  }

  /**
   * Always answers the same after the same work (one job enqueued); the job sends a link only
   * when an enabled account uses the email.
   */
  async requestPasswordReset(caller: Caller, email: string): Promise<void> {
    await this.jobs.enqueue({ kind: PASSWORD_RESET_JOB, payload: { ...askerOf(caller), email: email.trim() } });
  }

  /** The password-reset job: audits the request and emails the link to an enabled account. */
  private async finishPasswordReset(caller: Caller, email: string): Promise<void> {
    const user = await this.repo.findUserByEmail(email);
    await this.audit.record(
      { ...caller, userId: user?.id ?? null },
      {
        action: 'auth.password_reset.request',
        entityType: 'User',
        entityId: user?.id ?? null,
        outcome: user ? 'allowed' : 'denied',
      },
    );
    if (!user || user.disabled_at) return;
    // Staff who sign in only at the hospital's provider get no link: it could set no password.
    if (!localPasswordAllowed(user.role, this.policy.workforceLocalPasswords)) return;
    await this.sendResetLink(user, emails.resetPassword);
  }

  /** Emails a single-use link to choose a password (reset, or a new workforce account's first one). */
  async sendResetLink(user: UserRow, template: typeof emails.resetPassword): Promise<void> {
    const token = randomToken();
    await this.repo.invalidateEmailTokens(user.id, 'reset_password');
    await this.repo.insertEmailToken(user.id, 'reset_password', hashToken(token), new Date(Date.now() + RESET_TTL_MS));
    const link = `${this.policy.publicUrl}/reset-password?token=${token}`;
    // Emails follow the account's preferred language (its patient record's), else English.
    const tr = translator(await this.repo.preferredLanguageOfUser(user.id));
    await this.mail.send(template(user.email, link, tr));
  }

  /**
   * Sets the password from an emailed link. Ends every session and every "trust this device" of
   * the account (whoever reset it may be locking someone out), in one transaction with its audit
   * row. A workforce account whose organization signs in only through the hospital's provider gets
   * no Portico password this way (it could not sign in with it, and must not re-prove itself with it).
   */
  async completePasswordReset(caller: Caller, token: string, password: string): Promise<void> {
    const tokenHash = hashToken(token);
    const userId = await this.repo.transaction(async (repo, trx) => {
      const id = await repo.consumeEmailToken(tokenHash, 'reset_password');
      if (!id) throw tokenInvalid();
      const user = await repo.findUserById(id);
      if (!user) throw tokenInvalid();
      // Throwing rolls back the consume.
      if (!localPasswordAllowed(user.role, this.policy.workforceLocalPasswords)) throw localPasswordDisabled();
      const problems = await passwordProblems(password, user.email);
      // Throwing rolls back the consume: the person can fix the password and use the same link.
      if (problems.length)
        throw new AppError('weak_password', 400, problems[0]?.message ?? 'Choose a stronger password.', problems);
      await repo.setPassword(id, await hashPassword(password));
      // The link came by email, so the address is proven.
      await repo.markEmailVerified(id);
      const sessionsEnded = await repo.endUserSessions(id, null, 'password_reset');
      const trustedDevicesRevoked = await repo.revokeTrustedDevices(id);
      await this.audit.record(
        { ...caller, userId: id },
        {
          action: 'auth.password_reset.complete',
          entityType: 'User',
          entityId: id,
          outcome: 'allowed',
          detail: { sessionsEnded, trustedDevicesRevoked },
        },
        trx,
      );
      return id;
    });
    await this.sessions.forget({ userId });
  }

  /**
   * Changes the password; ends every other session of the account and every "trust this device"
   * (given under the old password), in one transaction with its audit row. An account with a
   * second factor also needs a step-up (the route asks before this).
   */
  async changePassword(
    caller: Caller & { userId: string; sessionId: string },
    body: ChangePasswordBody,
  ): Promise<void> {
    const user = await this.repo.findUserById(caller.userId);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, body.currentPassword))) {
      await this.audit.record(caller, {
        action: 'auth.password_change',
        entityType: 'User',
        entityId: caller.userId,
        outcome: 'denied',
      });
      throw new AppError('invalid_credentials', 400, 'Your current password is not right.', [
        { field: 'currentPassword', message: 'This is not your current password.' },
      ]);
    }
    const problems = await passwordProblems(body.newPassword, user.email, 'newPassword');
    if (problems.length)
      throw new AppError('weak_password', 400, problems[0]?.message ?? 'Choose a stronger password.', problems);
    const hash = await hashPassword(body.newPassword);
    await this.repo.transaction(async (repo, trx) => {
      await repo.setPassword(user.id, hash);
      const otherSessionsEnded = await repo.endUserSessions(user.id, caller.sessionId, 'password_changed');
      const trustedDevicesRevoked = await repo.revokeTrustedDevices(user.id);
      await this.audit.record(
        caller,
        {
          action: 'auth.password_change',
          entityType: 'User',
          entityId: user.id,
          outcome: 'allowed',
          detail: { otherSessionsEnded, trustedDevicesRevoked },
        },
        trx,
      );
    });
    await this.sessions.forget({ userId: user.id });
  }
}
