import {
  MFA_POLICY_NAMES_SHOWN,
  Roles,
  type MfaPolicy as MfaPolicyDto,
  type MfaPolicyBody,
  type MfaPolicyList,
  type Role,
} from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { MfaPolicyRepository, PolicyOrganizationRow } from './mfa-policy-repository.js';
import type { StepUpService } from './step-up.js';

/** Roles whose unenrolled people are listed by name; patients and proxies are only counted. */
const NAMED_ROLES: readonly Role[] = ['clinician', 'staff', 'admin'];

/**
 * An organization's second-factor policy (issue 13; docs/decisions/0031, 0040): which roles must use
 * one, and who has not set one up. Administrators see and change their own organization's only;
 * any other is a 404, the same as one that does not exist.
 */
export class MfaPolicyService {
  constructor(
    private readonly repo: MfaPolicyRepository,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
    /** PORTICO_MFA_REQUIRED_ROLES: what an organization without a list of its own follows. */
    private readonly serverDefault: readonly string[],
    /** Cached session look-ups carry "must enrol": forgotten here when the policy changes. */
    private readonly sessions: { forgetOrganization(organizationId: string): void },
  ) {}

  /** The policies of the organizations this administrator administers (their own). */
  async list(caller: AuthenticatedCaller): Promise<MfaPolicyList> {
    const own = caller.organizationId ? await this.repo.organization(caller.organizationId) : undefined;
    return { organizations: own ? [await this.view(caller, own)] : [] };
  }

  async get(caller: AuthenticatedCaller, organizationId: string): Promise<MfaPolicyDto> {
    return this.view(caller, await this.administered(caller, organizationId));
  }

  /**
   * Sets the list of roles that must use a second factor. Needs a fresh step-up; taking the
   * requirement away from administrators needs `confirmAdminWithoutSecondFactor`. The change and
   * its audit row commit together.
   */
  async update(caller: AuthenticatedCaller, organizationId: string, body: MfaPolicyBody): Promise<MfaPolicyDto> {
    await this.administered(caller, organizationId);
    await this.stepUp.require(caller);
    const roles = Roles.filter((r) => body.requiredRoles.includes(r));
    await this.repo.transaction(async (repo, trx) => {
      const org = await repo.organizationForUpdate(organizationId);
      if (!org) throw notFound('This organization');
      const before = this.effective(org);
      if (before.includes('admin') && !roles.includes('admin') && body.confirmAdminWithoutSecondFactor !== true) {
        throw new AppError(
          'mfa_admin_requirement_unconfirmed',
          409,
          'Administrators would be able to sign in with a password alone. Confirm that this is what you mean.',
          [
            {
              field: 'confirmAdminWithoutSecondFactor',
              message: 'Confirm to take the requirement away from administrators.',
            },
          ],
        );
      }
      await repo.setRequiredRoles(organizationId, roles);
      await this.audit.record(
        caller,
        {
          action: 'admin.mfa_policy.update',
          entityType: 'Organization',
          entityId: organizationId,
          outcome: 'allowed',
          detail: {
            before: before.join(',') || 'none',
            after: roles.join(',') || 'none',
            wasServerDefault: org.mfa_required_roles === null,
          },
        },
        trx,
      );
    });
    this.sessions.forgetOrganization(organizationId);
    return this.get(caller, organizationId);
  }

  /** The organization, if this caller administers it; otherwise 404 (never "it exists, but"). */
  private async administered(caller: AuthenticatedCaller, organizationId: string): Promise<PolicyOrganizationRow> {
    const org =
      caller.role === 'admin' && caller.organizationId === organizationId
        ? await this.repo.organization(organizationId)
        : undefined;
    if (!org) {
      await this.audit.record(caller, {
        action: 'admin.mfa_policy.read',
        entityType: 'Organization',
        entityId: organizationId,
        outcome: 'denied',
      });
      throw notFound('This organization');
    }
    return org;
  }

  private effective(org: PolicyOrganizationRow): Role[] {
    const list = org.mfa_required_roles ?? this.serverDefault;
    return Roles.filter((r) => list.includes(r));
  }

  private async view(caller: AuthenticatedCaller, org: PolicyOrganizationRow): Promise<MfaPolicyDto> {
    const counts = await this.repo.enrollmentByRole(org.id);
    const names = await this.repo.unenrolled(org.id, NAMED_ROLES, MFA_POLICY_NAMES_SHOWN);
    await this.audit.record(caller, {
      action: 'admin.mfa_policy.read',
      entityType: 'Organization',
      entityId: org.id,
      outcome: 'allowed',
      detail: { namesShown: names.length },
    });
    return {
      organizationId: org.id,
      organizationName: org.name,
      requiredRoles: this.effective(org),
      usesServerDefault: org.mfa_required_roles === null,
      serverDefaultRoles: Roles.filter((r) => this.serverDefault.includes(r)),
      roles: Roles.map((role) => {
        const c = counts.find((row) => row.role === role);
        return {
          role,
          people: c?.people ?? 0,
          notEnrolled: c?.not_enrolled ?? 0,
          notEnrolledPeople: names
            .filter((n) => n.role === role)
            .map((n) => ({ id: n.id, displayName: `${n.given_name} ${n.family_name}`, email: n.email })),
        };
      }),
    };
  }
}
