import type { ActivateBody, SignupBody } from '@portico/contracts';
import type { Caller } from '../../lib/caller.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { AppError, validation } from '../../lib/errors.js';
import { activationCode, hashToken, normaliseActivationCode, randomToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import type { OrganizationService } from '../organizations/index.js';
import * as emails from './emails.js';
import { translator, type Translator } from '../../lib/i18n.js';
import { burnPasswordCheck, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import type { IdentityRepository, UserRow } from './repository.js';
import type { SessionService } from './sessions.js';
import type { SignInThrottle } from './throttle.js';
import { localPasswordAllowed, localPasswordDisabled } from './sso/local-passwords.js';
import { SIGNUP_JOB, askerOf, callerOf, signupOf, tokenInvalid, type SignupRequest } from './account-requests.js';

export interface AccountPolicy {
  publicUrl: string;
  /** Off: clinicians, staff and admins sign in only through the hospital's provider (SSO). */
  workforceLocalPasswords: boolean;
}

const VERIFY_TTL_MS = 24 * 3_600_000;
const ACTIVATION_TTL_MS = 30 * 24 * 3_600_000;
const ACTIVATION_MAX_TRIES = 5;

/**
 * Enrollment, sign-in, email verification, activation codes and the reading language. Resetting
 * and changing passwords is PasswordService's (password-service.ts).
 */
export class AccountService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly orgs: OrganizationService,
    private readonly throttle: SignInThrottle,
    private readonly policy: AccountPolicy,
    private readonly jobs: JobService,
  ) {}

  /** The job that finishes sign-up requests (account-requests.ts). */
  registerJobs(): void {
    this.jobs.register(SIGNUP_JOB, async (p) => this.finishSignup(callerOf(p), signupOf(p)), { forgetPayload: true });
  }

  /**
   * Checks credentials; returns the user id for a new session, or throws a problem a person can act
   * on. Unknown and known emails take the same steps and get the same answers at every attempt:
   * the throttle is keyed by what was typed, and the owner learns of guessing by email, not here.
   */
  async login(caller: Caller, email: string, password: string): Promise<string> {
    const typed = email.trim();
    const user = await this.repo.findUserByEmail(typed);
    const deny = async (reason: string): Promise<void> =>
      this.audit.record(
        {
          ...caller,
          userId: user?.id ?? null,
          role: user?.role ?? null,
          organizationId: user?.organization_id ?? null,
        },
        { action: 'auth.login', entityType: 'User', entityId: user?.id ?? null, outcome: 'denied', detail: { reason } },
      );
    const wait = await this.throttle.wait(typed, caller.ip);
    if (wait > 0) {
      await deny('throttled');
      throw throttled(wait);
    }
    const usable = user && user.password_hash && !user.disabled_at ? user : null;
    let ok = false;
    if (usable?.password_hash) ok = await verifyPassword(usable.password_hash, password);
    else await burnPasswordCheck(password);
    if (!ok) {
      const { throttledNow } = await this.throttle.fail(typed, caller.ip);
      await deny(!user ? 'unknown_account' : usable ? 'wrong_password' : 'no_password_or_disabled');
      // Both kinds of email claim the notice (same work); only a real owner gets the message.
      if (throttledNow && (await this.throttle.claimOwnerNotice(typed)) && usable) {
        await this.mail.send(
          emails.signInThrottled(
            usable.email,
            `${this.policy.publicUrl}/signin/link`,
            `${this.policy.publicUrl}/forgot-password`,
            await this.recipientTranslator(usable.id),
          ),
        );
      }
      throw invalidCredentials();
    }
    if (!usable) throw invalidCredentials(); // unreachable: ok implies a usable account
    // Told only after the right password, so it says nothing about which emails have accounts.
    if (!localPasswordAllowed(usable.role, this.policy.workforceLocalPasswords)) {
      await deny('local_password_disabled');
      throw localPasswordDisabled();
    }
    if (!usable.email_verified_at) {
      await deny('email_not_verified');
      await this.sendVerification(usable);
      throw new AppError('email_not_verified', 403, 'Please confirm your email first. We have sent you a new link.');
    }
    await this.throttle.succeeded(typed);
    await this.audit.record(
      { ...caller, userId: usable.id, role: usable.role, organizationId: usable.organization_id },
      { action: 'auth.login', entityType: 'User', entityId: usable.id, outcome: 'allowed' },
    );
    return usable.id;
  }

  /**
   * Self sign-up. Always answers the same way, after the same work, so it cannot be used to find
   * out who has an account: the form is checked, the password hashed, and one job enqueued; the
   * job creates the account, or tells the owner of the email that it already has one.
   */
  async signup(caller: Caller, body: SignupBody): Promise<void> {
    const problems = await passwordProblems(body.password, body.email);
    if (problems.length)
      throw new AppError('weak_password', 400, problems[0]?.message ?? 'Choose a stronger password.', problems);
    const organizationId = body.organizationId ?? (await this.orgs.defaultId());
    if (!organizationId || !(await this.orgs.get(organizationId))) {
      throw validation([{ field: 'organizationId', message: 'Choose one of the listed organizations.' }]);
    }
    const request: SignupRequest = {
      email: body.email,
      passwordHash: await hashPassword(body.password),
      givenName: body.givenName,
      familyName: body.familyName,
      birthDate: body.birthDate,
      organizationId,
    };
    await this.jobs.enqueue({ kind: SIGNUP_JOB, payload: { ...askerOf(caller), ...request } });
  }

  /** The sign-up job: a new account and its verification email, or a notice to the existing owner. */
  private async finishSignup(caller: Caller, body: SignupRequest): Promise<void> {
    const existing = await this.repo.findUserByEmail(body.email);
    if (existing) {
      await this.mail.send(
        emails.accountExists(
          existing.email,
          `${this.policy.publicUrl}/signin`,
          `${this.policy.publicUrl}/forgot-password`,
          await this.recipientTranslator(existing.id),
        ),
      );
      return;
    }
    let created: { user: UserRow; patientId: string };
    try {
      created = await this.repo.transaction(async (repo, trx) => {
        const user = await repo.insertUser({
          email: body.email,
          passwordHash: body.passwordHash,
          role: 'patient',
          givenName: body.givenName,
          familyName: body.familyName,
          organizationId: body.organizationId,
          emailVerified: false,
        });
        const patient = await repo.insertPatientForUser({
          userId: user.id,
          organizationId: body.organizationId,
          givenName: body.givenName,
          familyName: body.familyName,
          birthDate: body.birthDate,
          email: body.email,
        });
        // The account and its audit row commit together or not at all (decision 0027).
        await this.audit.record(
          { ...caller, userId: user.id, role: 'patient' },
          {
            action: 'patient.enroll.signup',
            entityType: 'Patient',
            entityId: patient.id,
            patientId: patient.id,
            outcome: 'allowed',
          },
          trx,
        );
        return { user, patientId: patient.id };
      });
    } catch (err) {
      if (isUniqueViolation(err)) return; // lost a race with an identical sign-up: that one tells the owner
      throw err;
    }
    await this.sendVerification(created.user);
  }

  private async sendVerification(user: UserRow): Promise<void> {
    const token = randomToken();
    await this.repo.invalidateEmailTokens(user.id, 'verify_email');
    await this.repo.insertEmailToken(user.id, 'verify_email', hashToken(token), new Date(Date.now() + VERIFY_TTL_MS));
    const link = `${this.policy.publicUrl}/verify-email?token=${token}`;
    await this.mail.send(emails.verifyEmail(user.email, link, await this.recipientTranslator(user.id)));
  }

  async verifyEmail(caller: Caller, token: string): Promise<void> {
    const userId = await this.repo.consumeEmailToken(hashToken(token), 'verify_email');
    if (!userId) throw tokenInvalid();
    await this.repo.markEmailVerified(userId);
    await this.audit.record(
      { ...caller, userId },
      { action: 'auth.verify_email', entityType: 'User', entityId: userId, outcome: 'allowed' },
    );
  }

  /**
   * Staff issue a code for an existing patient record (or a registration does, with no user);
   * the plain code is returned once, never stored.
   */
  async issueActivationCode(caller: Caller, patientId: string): Promise<{ code: string; expiresAt: string }> {
    const code = activationCode();
    const expiresAt = new Date(Date.now() + ACTIVATION_TTL_MS);
    await this.repo.insertActivationCode(patientId, hashToken(normaliseActivationCode(code)), expiresAt, caller.userId);
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** Activation: code + date of birth prove who the patient is; creates the account and returns its id. */
  async activate(caller: Caller, body: ActivateBody): Promise<string> {
    const problems = await passwordProblems(body.password, body.email);
    if (problems.length)
      throw new AppError('weak_password', 400, problems[0]?.message ?? 'Choose a stronger password.', problems);
    const codeHash = hashToken(normaliseActivationCode(body.activationCode));
    const hash = await hashPassword(body.password);
    const result = await this.repo.transaction(async (repo) => {
      const code = await repo.findLiveActivationCode(codeHash);
      if (!code || code.patient_user_id) return { ok: false as const, patientId: code?.patient_id ?? null };
      if (code.birth_date !== body.birthDate) {
        await repo.failActivationCode(code.id, ACTIVATION_MAX_TRIES);
        return { ok: false as const, patientId: code.patient_id };
      }
      const owner = await repo.findUserByEmail(body.email);
      if (owner) {
        // Each try with a taken email spends one of the code's tries, like a wrong birth date, so
        // a code holder cannot test address after address (docs/decisions/0025).
        await repo.failActivationCode(code.id, ACTIVATION_MAX_TRIES);
        return { ok: 'email_taken' as const, patientId: code.patient_id, owner };
      }
      const user = await repo.insertUser({
        email: body.email,
        passwordHash: hash,
        role: 'patient',
        givenName: code.given_name,
        familyName: code.family_name,
        organizationId: code.organization_id,
        emailVerified: true,
      });
      if (!(await repo.linkPatientAccount(code.patient_id, user.id))) throw activationInvalid();
      await repo.useActivationCode(code.id);
      return { ok: true as const, patientId: code.patient_id, userId: user.id };
    });
    const entry = {
      action: 'patient.enroll.activation_code',
      entityType: 'Patient',
      entityId: result.patientId,
      patientId: result.patientId,
    };
    if (result.ok === true) {
      await this.audit.record(
        { ...caller, userId: result.userId, role: 'patient', actingForPatientId: result.patientId },
        { ...entry, outcome: 'allowed' },
      );
      return result.userId;
    }
    await this.audit.record(caller, {
      ...entry,
      outcome: 'denied',
      detail: { reason: result.ok === false ? 'code_or_birth_date' : 'email_taken' },
    });
    if (result.ok === 'email_taken') {
      // The owner of the address learns that someone tried to use it.
      await this.mail.send(
        emails.accountExists(
          result.owner.email,
          `${this.policy.publicUrl}/signin`,
          `${this.policy.publicUrl}/forgot-password`,
          await this.recipientTranslator(result.owner.id),
        ),
      );
      throw new AppError(
        'email_taken',
        409,
        'This email already has a Portico account. Sign in, or use another email.',
        [{ field: 'email', message: 'This email already has an account.' }],
      );
    }
    throw activationInvalid();
  }

  /**
   * Saves the language the signed-in person chose to read Portico in, so the next sign-in on any
   * device opens in it. A patient record's preferred language is the care team's (the profile
   * saves that; the web app's picker saves both).
   */
  async setLanguage(userId: string, language: string): Promise<void> {
    await this.repo.setUserLanguage(userId, language);
    await this.sessions.forget({ userId });
  }

  /** Emails follow the account's preferred language (its patient record's), else English. */
  private async recipientTranslator(userId: string): Promise<Translator> {
    return translator(await this.repo.preferredLanguageOfUser(userId));
  }
}

const invalidCredentials = (): AppError =>
  new AppError('invalid_credentials', 401, 'The email or password is not right.');

/** The same words, status and figures for every email at the same step: nothing to tell apart. */
const throttled = (seconds: number): AppError =>
  new AppError(
    'sign_in_throttled',
    429,
    `Too many wrong tries. Wait ${seconds} seconds before trying a password again, or sign in with a one-time link sent to your email.`,
    [],
    { 'retry-after': String(seconds) },
    { retryAfterSeconds: seconds },
  );

const activationInvalid = (): AppError =>
  new AppError(
    'activation_code_invalid',
    400,
    'The activation code and date of birth do not match a code we issued, or the code has expired. Check both, or ask the clinic for a new code.',
    [{ field: 'activationCode', message: 'Check the code and your date of birth.' }],
  );
