import type { AddDelegateBody, DelegateList } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { VisitRepository } from './repository.js';

/** A clinician names the staff who may let their patients in from the waiting room. */
export class DelegateService {
  constructor(
    private readonly repo: VisitRepository,
    private readonly audit: AuditService,
  ) {}

  private async ownClinician(caller: AuthenticatedCaller): Promise<string> {
    const id = caller.role === 'clinician' ? await this.repo.clinicianIdOfUser(caller.userId) : undefined;
    if (!id) {
      throw new AppError('forbidden', 403, 'Only a clinician with a schedule names who may let their patients in.');
    }
    return id;
  }

  async list(caller: AuthenticatedCaller): Promise<DelegateList> {
    const rows = await this.repo.delegates(await this.ownClinician(caller));
    return {
      delegates: rows.map((r) => ({ userId: r.user_id, name: `${r.given_name} ${r.family_name}`, email: r.email })),
    };
  }

  async add(caller: AuthenticatedCaller, body: AddDelegateBody): Promise<DelegateList> {
    const clinicianId = await this.ownClinician(caller);
    const staff = caller.organizationId ? await this.repo.staffByEmail(caller.organizationId, body.email) : undefined;
    if (!staff) {
      throw new AppError('not_found', 404, 'No staff account of your organization has that email address.', [
        { field: 'email', message: 'No staff account of your organization has this email address.' },
      ]);
    }
    await this.repo.transaction(async (repo, trx) => {
      await repo.addDelegate(clinicianId, staff.id);
      await this.recordChange(caller, 'visit.delegate.add', staff.id, trx);
    });
    return this.list(caller);
  }

  async remove(caller: AuthenticatedCaller, userId: string): Promise<void> {
    const clinicianId = await this.ownClinician(caller);
    await this.repo.transaction(async (repo, trx) => {
      if ((await repo.removeDelegate(clinicianId, userId)) === 0) throw notFound('This person');
      await this.recordChange(caller, 'visit.delegate.remove', userId, trx);
    });
  }

  /** Audits a change inside its transaction `trx`, as its last write: both commit or neither (decision 0027). */
  private async recordChange(
    caller: AuthenticatedCaller,
    action: string,
    userId: string,
    trx: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(caller, { action, entityType: 'user', entityId: userId, outcome: 'allowed' }, trx);
  }
}
