import type { CreateUserBody, UserList, UserSearchQuery, UserSummary } from '@portico/contracts';
import type { Caller } from '../../lib/caller.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { AppError, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { OrganizationService } from '../organizations/index.js';
import * as emails from './emails.js';
import type { PasswordService } from './password-service.js';
import type { IdentityRepository, UserRow } from './repository.js';

/** Clinician, staff and admin accounts, created by admins (and by staff for their organization). */
export class WorkforceService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly orgs: OrganizationService,
  ) {}

  /** Admins (any role) and staff (clinicians and staff only) create workforce accounts in their organization. */
  async createWorkforceUser(caller: Caller & { userId: string }, body: CreateUserBody): Promise<UserSummary> {
    if (caller.role !== 'admin' && (caller.role !== 'staff' || body.role === 'admin')) {
      throw new AppError('forbidden', 403, 'Only an administrator can create administrator accounts.');
    }
    if (caller.role === 'staff' && body.organizationId !== caller.organizationId) {
      throw validation([{ field: 'organizationId', message: 'Staff can add people to their own organization only.' }]);
    }
    if (!(await this.orgs.get(body.organizationId))) {
      throw validation([{ field: 'organizationId', message: 'Choose one of the listed organizations.' }]);
    }
    let user: UserRow;
    try {
      // The account and its audit row commit together (decision 0027).
      user = await this.repo.transaction(async (repo, trx) => {
        const created = await repo.insertUser({
          email: body.email,
          passwordHash: null,
          role: body.role,
          givenName: body.givenName,
          familyName: body.familyName,
          organizationId: body.organizationId,
          emailVerified: false,
        });
        await this.audit.record(
          caller,
          {
            action: 'admin.user.create',
            entityType: 'User',
            entityId: created.id,
            outcome: 'allowed',
            detail: { role: body.role },
          },
          trx,
        );
        return created;
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('email_taken', 409, 'An account with this email already exists.', [
          { field: 'email', message: 'Already in use.' },
        ]);
      }
      throw err;
    }
    await this.passwords.sendResetLink(user, emails.workforceWelcome);
    return toSummary(user);
  }

  async listUsers(caller: Caller, query: UserSearchQuery): Promise<UserList> {
    const rows = await this.repo.listUsers({
      ...(query.q ? { q: query.q } : {}),
      ...(query.role ? { role: query.role } : {}),
      organizationId: caller.role === 'admin' ? null : caller.organizationId,
      limit: 200,
    });
    await this.audit.record(caller, {
      action: 'admin.user.search',
      entityType: 'User',
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { users: rows.map(toSummary) };
  }
}

function toSummary(u: UserRow): UserSummary {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    displayName: `${u.given_name} ${u.family_name}`,
    organizationId: u.organization_id,
    emailVerified: u.email_verified_at !== null,
    locked: u.locked_until !== null && u.locked_until.getTime() > Date.now(),
    createdAt: u.created_at.toISOString(),
  };
}
