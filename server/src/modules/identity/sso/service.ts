import type { SsoConfig } from '../../../config.js';
import type { Caller } from '../../../lib/caller.js';
import { AppError } from '../../../lib/errors.js';
import { isUniqueViolation } from '../../../lib/pg-errors.js';
import { hashToken, safeEqual } from '../../../lib/tokens.js';
import type { AuditService } from '../../audit/index.js';
import type { OrganizationService } from '../../organizations/index.js';
import type { IdentityRepository, UserRow } from '../repository.js';
import { mapClaims, type MappedPerson, type SsoRefusal } from './mapping.js';
import { ProviderUnavailable, SignInRejected, type ProviderAnswer, type RelyingParty } from './relying-party.js';
import type { SsoRepository } from './repository.js';

/** How long the provider may take to send the browser back. */
const PENDING_TTL_MS = 10 * 60_000;

const MESSAGES: Record<SsoRefusal, [number, string]> = {
  sso_not_in_group: [403, 'Your hospital account is not allowed to use Portico. Ask your IT help desk for access.'],
  sso_no_role: [403, 'Your hospital account has no Portico role yet. Ask your IT help desk for access.'],
  sso_unknown_organization: [403, 'Portico does not know the hospital your account belongs to. Ask your IT help desk.'],
  sso_patient_account: [403, 'Patients sign in with their email and password, not with a hospital account.'],
  sso_account_disabled: [403, 'This Portico account is turned off. Ask an administrator.'],
  sso_email_in_use: [409, 'A Portico account already uses this email. Ask an administrator to link it.'],
  sso_failed: [400, 'Signing in with your hospital account did not work. Please try again.'],
  sso_unavailable: [503, 'Your hospital sign-in service is not answering. Please try again in a few minutes.'],
};

/** A refusal as the one error type: the routes turn it into a page the person can read. */
export function ssoError(refusal: SsoRefusal): AppError {
  const [status, message] = MESSAGES[refusal];
  return new AppError(refusal, status, message);
}

export interface SsoSignIn {
  userId: string;
  amr: string[];
  acr: string | null;
}

/**
 * Workforce single sign-on (docs/decisions/0032). Accounts are linked by (issuer, sub). A person
 * not linked yet is matched to an existing workforce account by email only when the provider says
 * the email is verified, otherwise provisioned just in time; patients never sign in this way.
 * Role and organization follow the provider's claims at every sign-in.
 */
export class SsoService {
  constructor(
    private readonly sso: SsoConfig,
    private readonly rp: RelyingParty,
    private readonly repo: SsoRepository,
    private readonly identity: IdentityRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditService,
  ) {}

  /** The name on the "Sign in with …" button. */
  get displayName(): string {
    return this.sso.settings.displayName;
  }

  /** Begins a sign-in: returns the provider URL and the state the browser must keep (in a cookie). */
  async start(): Promise<{ url: string; state: string }> {
    let started: Awaited<ReturnType<RelyingParty['start']>>;
    try {
      started = await this.rp.start();
    } catch (err) {
      if (err instanceof ProviderUnavailable) throw ssoError('sso_unavailable');
      throw err;
    }
    await this.repo.purgeExpired(); // sign-ins abandoned at the provider
    await this.repo.savePending(
      hashToken(started.state),
      started.nonce,
      started.codeVerifier,
      new Date(Date.now() + PENDING_TTL_MS),
    );
    return { url: started.url, state: started.state };
  }

  /**
   * Finishes a sign-in from the provider's redirect. `browserState` is the state cookie: the
   * state in the URL must be this browser's own (no sign-in planted from another site).
   */
  async finish(caller: Caller, query: Record<string, string>, browserState: string | undefined): Promise<SsoSignIn> {
    const refuse = async (refusal: SsoRefusal, reason: string, userId: string | null = null): Promise<never> => {
      await this.audit.record(
        { ...caller, userId },
        { action: 'auth.sso_login', entityType: 'User', entityId: userId, outcome: 'denied', detail: { reason } },
      );
      throw ssoError(refusal);
    };
    const state = query['state'] ?? '';
    if (!browserState || state === '' || !safeEqual(state, browserState)) return refuse('sso_failed', 'state_mismatch');
    const pending = await this.repo.takePending(hashToken(state));
    if (!pending) return refuse('sso_failed', 'state_expired');
    let answer: ProviderAnswer;
    try {
      answer = await this.rp.finish(new URLSearchParams(query).toString(), {
        state,
        nonce: pending.nonce,
        codeVerifier: pending.code_verifier,
      });
    } catch (err) {
      if (err instanceof ProviderUnavailable) return refuse('sso_unavailable', 'provider_unavailable');
      if (err instanceof SignInRejected) return refuse('sso_failed', err.reason.slice(0, 60));
      throw err;
    }
    const mapped = mapClaims(answer.claims, this.sso.settings);
    if (!mapped.ok) return refuse(mapped.refusal, mapped.refusal);
    const org = (await this.orgs.list()).find((o) => o.slug === mapped.person.organizationSlug);
    if (!org) return refuse('sso_unknown_organization', 'unknown_organization');
    const linked = await this.account(answer.subject, mapped.person, org.id);
    if ('refusal' in linked) return refuse(linked.refusal, linked.refusal, linked.userId);
    await this.audit.record(
      { ...caller, userId: linked.userId, role: mapped.person.role, organizationId: org.id },
      {
        action: 'auth.sso_login',
        entityType: 'User',
        entityId: linked.userId,
        outcome: 'allowed',
        detail: { how: linked.how, amr: answer.amr.join(' ').slice(0, 60), role: mapped.person.role },
      },
    );
    return { userId: linked.userId, amr: answer.amr, acr: answer.acr };
  }

  /** Notes that a new session began at the provider (and how the person proved who they were). */
  async sessionStarted(sessionId: string, signIn: SsoSignIn): Promise<void> {
    await this.repo.recordSession(sessionId, this.sso.settings.issuer, signIn.amr, signIn.acr);
  }

  /** The provider's amr/acr when this session began there; null for a password or link sign-in. */
  async providerAuthentication(sessionId: string): Promise<{ amr: string[]; acr: string | null } | null> {
    return (await this.repo.sessionAuthentication(sessionId)) ?? null;
  }

  /** For a session that began at the provider: the provider's sign-out page, if it has one. */
  async endSessionUrl(sessionId: string, backTo: string): Promise<string | null> {
    if (!(await this.repo.sessionAuthentication(sessionId))) return null;
    return this.rp.endSessionUrl(backTo);
  }

  private async account(
    subject: string,
    person: MappedPerson,
    organizationId: string,
  ): Promise<{ userId: string; how: 'linked' | 'email' | 'created' } | { refusal: SsoRefusal; userId: string | null }> {
    const issuer = this.sso.settings.issuer;
    const update = { role: person.role, organizationId, givenName: person.givenName, familyName: person.familyName };
    const linkedId = await this.repo.findLinkedUser(issuer, subject);
    if (linkedId) {
      const user = await this.identity.findUserById(linkedId);
      const refusal = user ? unusable(user) : 'sso_account_disabled';
      if (refusal) return { refusal, userId: linkedId };
      await this.repo.updateWorkforceUser(linkedId, update);
      return { userId: linkedId, how: 'linked' };
    }
    if (person.email === null) return { refusal: 'sso_failed', userId: null };
    const existing = await this.identity.findUserByEmail(person.email);
    if (existing) {
      const refusal = unusable(existing);
      if (refusal) return { refusal, userId: existing.id };
      // Matching by email hands the account over: only on the provider's word that the email is
      // the person's, and never over a link this account already has at this provider.
      if (!person.emailVerified || (await this.repo.hasLink(issuer, existing.id))) {
        return { refusal: 'sso_email_in_use', userId: existing.id };
      }
      try {
        await this.repo.link(issuer, subject, existing.id);
      } catch (err) {
        if (isUniqueViolation(err)) return { refusal: 'sso_email_in_use', userId: existing.id };
        throw err;
      }
      await this.repo.updateWorkforceUser(existing.id, update);
      return { userId: existing.id, how: 'email' };
    }
    try {
      const userId = await this.identity.transaction(async (repo, trx) => {
        const user = await repo.insertUser({
          email: person.email ?? '',
          passwordHash: null,
          role: person.role,
          givenName: person.givenName,
          familyName: person.familyName,
          organizationId,
          emailVerified: person.emailVerified,
        });
        await this.repo.link(issuer, subject, user.id, trx);
        return user.id;
      });
      return { userId, how: 'created' };
    } catch (err) {
      // A first sign-in racing itself (two tabs): the other one made the account.
      if (isUniqueViolation(err)) return { refusal: 'sso_failed', userId: null };
      throw err;
    }
  }
}

function unusable(user: UserRow): SsoRefusal | null {
  if (user.role === 'patient' || user.role === 'proxy') return 'sso_patient_account';
  if (user.disabled_at) return 'sso_account_disabled';
  return null;
}
