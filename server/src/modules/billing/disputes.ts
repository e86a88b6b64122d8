import type { Dispute, DisputeQueue, OpenDisputeBody, ResolveDisputeBody } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { patientForArea } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import type { DisputeRepository, DisputeRow } from './dispute-repository.js';
import { dollars } from './engine.js';
import type { BillingRepository } from './repository.js';

/** "I think this bill is in error": the patient's side and the billing office's queue. */
export class DisputeService {
  constructor(
    private readonly disputes: DisputeRepository,
    private readonly billing: BillingRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly idempotency: Idempotency,
  ) {}

  /** Retry-safe with an Idempotency-Key: a retry gets the first answer, not "already open". */
  async open(caller: AuthenticatedCaller, body: OpenDisputeBody, key: string | null = null): Promise<Answer<Dispute>> {
    const once = this.idempotency.request(caller, 'billing.dispute_open', key, body);
    return once.run(() => this.create(caller, body, once));
  }

  private async create(caller: AuthenticatedCaller, body: OpenDisputeBody, once: RetrySafeCreate): Promise<Dispute> {
    const patientId = patientForArea(caller, 'billing');
    const entry = await this.disputes.entry(body.lineId);
    if (!entry || entry.patient_id !== patientId) throw notFound('This bill line');
    if (entry.entry_type !== 'charge') {
      throw new AppError(
        'dispute_not_allowed',
        422,
        'Only a charge can be disputed. For a payment, call the billing office.',
      );
    }
    const reason = body.reason.trim();
    if (!reason) throw validation([{ field: 'reason', message: 'Tell the billing office what looks wrong.' }]);
    // The dispute and its audit row commit together (decision 0027); the audit append comes last.
    return this.billing.transaction(async (repo, trx) => {
      const dispute = await once.within(trx, async () => {
        const disputes = this.disputes.withDb(repo.db);
        const id = await disputes.open({
          organizationId: entry.organization_id,
          patientId,
          entryId: entry.id,
          reason,
          by: caller.userId,
        });
        if (!id) {
          throw new AppError('dispute_already_open', 409, 'The billing office is already looking at this line.');
        }
        return toDispute(await this.load(id, disputes));
      });
      await this.record(caller, patientId, dispute.id, 'billing.dispute_open', trx);
      return dispute;
    });
  }

  async queue(caller: AuthenticatedCaller, status: 'open' | 'resolved' = 'open'): Promise<DisputeQueue> {
    const rows = await this.disputes.queue(caller.role === 'admin' ? null : caller.organizationId, status);
    await this.audit.record(caller, {
      action: 'billing.dispute_queue',
      entityType: 'Dispute',
      outcome: 'allowed',
      detail: { status, shown: rows.length },
    });
    return {
      disputes: rows.map((r) => ({
        ...toDispute(r),
        patientId: r.patient_id,
        patientName: `${r.patient_given} ${r.patient_family}`,
        amountCents: Number(r.amount_cents),
        explanation: r.explanation,
      })),
    };
  }

  /** Upheld, or adjusted by an adjustment entry (never more than what is left of the charge). */
  async resolve(caller: AuthenticatedCaller, id: string, body: ResolveDisputeBody): Promise<Dispute> {
    const row = await this.disputes.get(id);
    if (!row || (caller.role !== 'admin' && row.organization_id !== caller.organizationId)) {
      throw notFound('This dispute');
    }
    if (row.status !== 'open') throw alreadyAnswered();
    const response = body.response.trim();
    if (!response) throw validation([{ field: 'response', message: 'Write the answer the patient will read.' }]);
    if (body.resolution === 'adjusted' && !body.adjustmentCents) {
      throw validation([{ field: 'adjustmentCents', message: 'Enter how much to take off the charge.' }]);
    }
    await this.billing.transaction(async (repo, trx) => {
      const disputes = this.disputes.withDb(repo.db);
      // Two answers at once: the second waits here, then finds the dispute answered.
      if (!(await disputes.lockOpen(id))) throw alreadyAnswered();
      let adjustmentEntryId: string | null = null;
      if (body.resolution === 'adjusted' && body.adjustmentCents) {
        const remaining = await disputes.remainingOf(row.ledger_entry_id);
        if (body.adjustmentCents > remaining) {
          throw validation([
            {
              field: 'adjustmentCents',
              message: `Enter ${dollars(remaining)} or less: that is what is left of this charge.`,
            },
          ]);
        }
        adjustmentEntryId = await repo.append({
          organizationId: row.organization_id,
          patientId: row.patient_id,
          type: 'adjustment',
          amountCents: -body.adjustmentCents,
          appliesTo: row.ledger_entry_id,
          ruleCode: 'adjustment',
          ruleParams: { amount: body.adjustmentCents },
          explanation: `Adjustment after your question about this bill: ${dollars(body.adjustmentCents)} taken off.`,
          createdBy: caller.userId,
        });
      }
      const done = await disputes.resolve(id, {
        resolution: body.resolution,
        response,
        by: caller.userId,
        adjustmentEntryId,
      });
      if (!done) throw alreadyAnswered();
      await this.record(caller, row.patient_id, id, 'billing.dispute_resolve', trx);
    });
    const to = await this.billing.receiptAddress(row.patient_id, null);
    if (to) {
      const link = `${this.publicUrl}/billing`;
      await this.mail.sendTo(to, (tr) => ({
        subject: tr.t('email.dispute.subject'),
        lines: [tr.t('email.dispute.body'), '', tr.t('email.dispute.link', { link })],
      }));
    }
    return toDispute(await this.load(id));
  }

  private async load(id: string, disputes = this.disputes): Promise<DisputeRow> {
    const row = await disputes.get(id);
    if (!row) throw notFound('This dispute');
    return row;
  }

  /** Audits a dispute change inside its transaction `trx`, so the row commits with it (decision 0027). */
  private async record(
    caller: AuthenticatedCaller,
    patientId: string,
    id: string,
    action: string,
    trx: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, entityType: 'Dispute', entityId: id, patientId, outcome: 'allowed' },
      trx,
    );
  }
}

const alreadyAnswered = () => new AppError('dispute_resolved', 409, 'This dispute has already been answered.');

export function toDispute(
  r: Pick<
    DisputeRow,
    'id' | 'ledger_entry_id' | 'reason' | 'status' | 'resolution' | 'response' | 'created_at' | 'resolved_at'
  >,
): Dispute {
  return {
    id: r.id,
    lineId: r.ledger_entry_id,
    reason: r.reason,
    status: r.status,
    resolution: r.resolution,
    response: r.response,
    openedAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}
