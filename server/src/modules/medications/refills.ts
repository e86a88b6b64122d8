import type { RefillDecisionBody, RefillQueue, RefillQueueItem } from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { answererOf, toQueueItem } from './dto.js';
import { alreadyDecided, invalid } from './problems.js';
import type { MedicationsRepository } from './repository.js';

export const REFILL_NOTIFY_JOB = 'refill.notify';

const STATUS = { approve: 'approved', deny: 'denied', visit: 'visit-needed' } as const;

/**
 * The care team's side of refills: the organization's open requests (the caller's own first) and
 * decisions. Only the prescriber, or someone in a pool of the prescriber's service line, decides;
 * a decision, the refill it uses and the patient's notification are one transaction.
 */
export class RefillQueueService {
  constructor(
    private readonly repo: MedicationsRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    jobs.register(REFILL_NOTIFY_JOB, async (p) => this.notify(String(p['refillId'])));
  }

  private organization(caller: AuthenticatedCaller): string {
    if (!['clinician', 'staff', 'admin'].includes(caller.role) || !caller.organizationId) throw forbidden();
    return caller.organizationId;
  }

  async queue(caller: AuthenticatedCaller): Promise<RefillQueue> {
    const organizationId = this.organization(caller);
    const rows = await this.repo.queue(organizationId, caller.userId);
    await this.audit.record(caller, {
      action: 'refill.queue',
      entityType: 'RefillRequest',
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { requests: rows.map(toQueueItem) };
  }

  async decide(caller: AuthenticatedCaller, id: string, body: RefillDecisionBody): Promise<RefillQueueItem> {
    const organizationId = this.organization(caller);
    const row = await this.repo.refillForCareTeam(id, organizationId, caller.userId);
    if (!row) {
      await this.audit.record(caller, {
        action: 'refill.decide',
        entityType: 'RefillRequest',
        entityId: id,
        outcome: 'denied',
      });
      throw notFound('This refill request');
    }
    if (row.status !== 'requested') throw alreadyDecided();
    if (row.mine === null) {
      await this.audit.record(caller, {
        action: 'refill.decide',
        entityType: 'RefillRequest',
        entityId: id,
        patientId: row.patient_id,
        outcome: 'denied',
      });
      throw new AppError(
        'not_refill_prescriber',
        403,
        answererOf(row).kind === 'care_team'
          ? `Only the ${answererOf(row).name} pool can answer this request.`
          : `Only ${answererOf(row).name} or their care team pool can answer this request.`,
      );
    }
    const reason = body.reason?.trim() ?? '';
    if (body.decision !== 'approve' && reason === '') {
      throw invalid([
        {
          field: 'reason',
          message:
            body.decision === 'deny'
              ? 'Tell the patient why the refill is denied.'
              : 'Tell the patient why they need a visit first.',
        },
      ]);
    }
    if (body.decision !== 'approve' && body.quantity !== undefined) {
      throw invalid([{ field: 'quantity', message: 'A quantity goes only with an approval.' }]);
    }
    const quantity = body.decision === 'approve' ? (body.quantity ?? row.quantity) : null;
    await this.repo.transaction(async (repo, trx) => {
      const decided = await repo.decide(row.id, {
        status: STATUS[body.decision],
        decided_by: caller.userId,
        decided_at: this.clock(),
        approved_quantity: quantity,
        decision_reason: reason === '' ? null : reason,
      });
      if (!decided) throw alreadyDecided();
      if (body.decision === 'approve' && !(await repo.useRefill(row.medication_request_id))) {
        throw new AppError(
          'no_refills_remaining',
          409,
          'No refills are left on this prescription (or it is no longer active). Deny the request or ask for a visit.',
        );
      }
      await this.jobs.enqueue({ kind: REFILL_NOTIFY_JOB, payload: { refillId: row.id } }, trx);
    });
    await this.audit.record(caller, {
      action: 'refill.decide',
      entityType: 'RefillRequest',
      entityId: row.id,
      patientId: row.patient_id,
      outcome: 'allowed',
      detail: { decision: body.decision, quantityChanged: quantity !== null && quantity !== row.quantity },
    });
    const fresh = await this.repo.refillForCareTeam(row.id, organizationId, caller.userId);
    if (!fresh) throw notFound('This refill request');
    return toQueueItem(fresh);
  }

  /** "There is an update in Portico" and a link: never the medication, the decision or a name. */
  private async notify(refillId: string): Promise<void> {
    for (const to of await this.repo.contacts(refillId)) {
      const link = `${this.publicUrl}/medications`;
      await this.mail.sendTo(to, (tr) => ({
        subject: tr.t('email.refill.subject'),
        lines: [tr.t('email.refill.body'), '', tr.t('email.refill.link', { link })],
      }));
    }
  }
}
