import type { Caller } from '../../lib/caller.js';
import { translator } from '../../lib/i18n.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import * as emails from './emails.js';
import type { IdentityRepository } from './repository.js';
import type { SignInThrottle } from './throttle.js';
import { localPasswordAllowed, localPasswordDisabled } from './sso/local-passwords.js';
import { SIGN_IN_LINK_JOB, askerOf, callerOf, text, tokenInvalid } from './account-requests.js';

const LINK_TTL_MS = 15 * 60_000;

/**
 * Sign-in by a one-time link sent to the account's email: the way in for an owner whose password
 * sign-in is being slowed down by someone else's guessing (the password throttle does not apply).
 */
export class SignInLinkService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly jobs: JobService,
    private readonly workforceLocalPasswords = true,
  ) {}

  /** The job that finishes link requests (account-requests.ts). */
  registerJobs(): void {
    this.jobs.register(SIGN_IN_LINK_JOB, async (p) => this.finishRequest(callerOf(p), text(p, 'email')), {
      forgetPayload: true,
    });
  }

  /**
   * Always answers the same after the same work (one job enqueued); the job sends a link only
   * when an enabled account uses the email.
   */
  async request(caller: Caller, email: string): Promise<void> {
    await this.jobs.enqueue({ kind: SIGN_IN_LINK_JOB, payload: { ...askerOf(caller), email: email.trim() } });
  }

  /** The sign-in-link job: audits the request and emails a link to an enabled account. */
  private async finishRequest(caller: Caller, email: string): Promise<void> {
    const user = await this.repo.findUserByEmail(email);
    const usable = user && !user.disabled_at ? user : null;
    await this.audit.record(
      { ...caller, userId: user?.id ?? null },
      {
        action: 'auth.sign_in_link.request',
        entityType: 'User',
        entityId: user?.id ?? null,
        outcome: usable ? 'allowed' : 'denied',
      },
    );
    if (!usable) return;
    // Staff who sign in only at the hospital's provider get no link: it could not sign them in.
    if (!localPasswordAllowed(usable.role, this.workforceLocalPasswords)) return;
    const token = randomToken();
    await this.repo.invalidateEmailTokens(usable.id, 'sign_in_link');
    await this.repo.insertEmailToken(usable.id, 'sign_in_link', hashToken(token), new Date(Date.now() + LINK_TTL_MS));
    const tr = translator(await this.repo.preferredLanguageOfUser(usable.id));
    await this.mail.send(emails.signInLink(usable.email, `${this.publicUrl}/signin/link?token=${token}`, tr));
  }

  /** Uses a link once; returns the user to start a session for. The email is proven by it. */
  async complete(caller: Caller, token: string): Promise<string> {
    const userId = await this.repo.consumeEmailToken(hashToken(token), 'sign_in_link');
    const user = userId ? await this.repo.findUserById(userId) : undefined;
    if (!user || user.disabled_at) {
      throw tokenInvalid();
    }
    // A link is a way round the password, so it is off for whoever the password is off for.
    if (!localPasswordAllowed(user.role, this.workforceLocalPasswords)) throw localPasswordDisabled();
    await this.repo.markEmailVerified(user.id);
    await this.throttle.succeeded(user.email);
    await this.audit.record(
      { ...caller, userId: user.id, role: user.role, organizationId: user.organization_id },
      {
        action: 'auth.login',
        entityType: 'User',
        entityId: user.id,
        outcome: 'allowed',
        detail: { method: 'email_link' },
      },
    );
    return user.id;
  }
}
