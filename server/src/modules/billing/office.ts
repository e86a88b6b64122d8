import type { AdjustmentBody, BillingAccount, RecordPaymentBody, RefundBody } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { dollars } from './engine.js';
import type { OfficeRepository } from './office-repository.js';
import { ProcessorUnavailable, type CardProcessor } from './processor.js';
import type { BillingRepository } from './repository.js';
import type { BillingService } from './service.js';

const METHOD_WORDS: Record<RecordPaymentBody['method'], string> = {
  card_phone: 'by card over the phone',
  check: 'by check',
  cash: 'in cash',
};

/**
 * The billing office: a patient's account, payments taken by phone or mail, refunds and
 * adjustments. Every entry carries a reason, posts once per request key and is audited.
 */
export class BillingOfficeService {
  constructor(
    private readonly repo: BillingRepository,
    private readonly office: OfficeRepository,
    private readonly billing: BillingService,
    private readonly processor: CardProcessor | null,
    private readonly audit: AuditService,
  ) {}

  async account(caller: AuthenticatedCaller, patientId: string): Promise<BillingAccount> {
    const patient = await this.patientInScope(caller, patientId);
    const [summary, payments, disputedCents] = await Promise.all([
      this.billing.summaryFor(patientId),
      this.office.payments(patientId),
      this.office.disputedCents(patientId),
    ]);
    await this.record(caller, patientId, 'billing.office_view', null, {});
    return {
      patientName: `${patient.given_name} ${patient.family_name}`,
      summary,
      disputedCents,
      payments: payments.map((p) => {
        const refunded = Number(p.refunded_cents);
        return {
          id: p.id,
          amountCents: Number(p.amount_cents),
          method: p.method,
          status: p.status,
          reference: p.check_number ?? (p.card_last4 ? `${p.card_brand ?? 'card'} …${p.card_last4}` : null),
          createdAt: p.created_at.toISOString(),
          refundedCents: refunded,
          refundableCents: p.status === 'succeeded' ? Number(p.amount_cents) - refunded : 0,
        };
      }),
    };
  }

  /** A payment the office took by phone, mail or at the desk: never more than is owed now. */
  async recordPayment(
    caller: AuthenticatedCaller,
    patientId: string,
    body: RecordPaymentBody,
    key: string | null,
  ): Promise<BillingAccount> {
    const patient = await this.patientInScope(caller, patientId);
    const requestKey = requireKey(key);
    const reference = body.reference?.trim() || null;
    if (body.method === 'check' && !reference) {
      throw validation([{ field: 'reference', message: 'Enter the check number.' }]);
    }
    const detail = {
      amountCents: body.amountCents,
      method: body.method,
      ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    };
    await this.audited(caller, patientId, 'billing.office_payment', detail, async (repo) => {
      const owed = await repo.balance(patientId, true);
      const prior = await repo.paymentByKey(patientId, requestKey);
      if (prior) return sameRequest(prior.id, Number(prior.amount_cents), body.amountCents);
      const payable = owed - (await repo.inFlightCents(patientId));
      if (body.amountCents > payable) throw overBalance(payable, 'payment_exceeds_balance');
      const id = await repo.insertPayment({
        organizationId: patient.organization_id,
        patientId,
        amountCents: body.amountCents,
        method: body.method,
        processor: null,
        idempotencyKey: requestKey,
        createdBy: caller.userId,
        ...(reference ? { checkNumber: reference } : {}),
      });
      if (!id) throw new Error('payment key conflict under the patient lock');
      await repo.updatePayment(id, { status: 'succeeded' });
      await repo.append({
        organizationId: patient.organization_id,
        patientId,
        type: 'payment',
        amountCents: -body.amountCents,
        paymentId: id,
        ruleCode: `payment_${body.method}`,
        ruleParams: { amount: body.amountCents },
        explanation: `Payment received ${METHOD_WORDS[body.method]}, thank you: ${dollars(body.amountCents)}.`,
        createdBy: caller.userId,
      });
      return id;
    });
    return this.account(caller, patientId);
  }

  /**
   * Gives back part or all of a payment. A card payment is refunded through the processor first;
   * the ledger records only what the processor confirmed.
   */
  async refund(
    caller: AuthenticatedCaller,
    patientId: string,
    body: RefundBody,
    key: string | null,
  ): Promise<BillingAccount> {
    await this.patientInScope(caller, patientId);
    const requestKey = requireKey(key);
    const reason = requireReason(body.reason);
    const detail = { amountCents: body.amountCents, reason };
    await this.audited(caller, patientId, 'billing.office_refund', detail, async (repo) => {
      const office = this.office.withDb(repo.db);
      const payment = await office.paymentForRefund(body.paymentId);
      if (!payment || payment.patient_id !== patientId) throw notFound('This payment');
      const prior = await office.entryByKey(patientId, requestKey);
      if (prior) return sameRequest(prior.id, Number(prior.amount_cents), body.amountCents);
      if (payment.status !== 'succeeded') {
        throw new AppError('refund_not_allowed', 422, 'Only a payment that went through can be refunded.');
      }
      const refundable = Number(payment.amount_cents) - (await office.refundedCents(payment.id));
      if (body.amountCents > refundable) {
        throw new AppError(
          'refund_exceeds_payment',
          422,
          `You can refund up to ${dollars(refundable)} of this payment.`,
          [{ field: 'amountCents', message: `Enter ${dollars(refundable)} or less.` }],
        );
      }
      let how = 'by check';
      if (payment.method === 'card_online' && payment.processor_ref) {
        const processor = this.processor;
        if (!processor) throw refundFailed();
        const result = await processor
          .refund({
            paymentRef: payment.processor_ref,
            amountCents: body.amountCents,
            idempotencyKey: `${payment.id}:${requestKey}`,
          })
          .catch((err: unknown) => {
            if (err instanceof ProcessorUnavailable) return { status: 'failed' as const, code: 'unavailable' };
            throw err;
          });
        if (result.status !== 'succeeded') throw refundFailed();
        how = 'to your card';
      }
      return repo.append({
        organizationId: payment.organization_id,
        patientId,
        type: 'refund',
        amountCents: body.amountCents,
        paymentId: payment.id,
        ruleCode: 'refund_reason',
        ruleParams: { amount: body.amountCents, reason },
        explanation: `Refund ${how}: ${dollars(body.amountCents)}. ${reason}`,
        createdBy: caller.userId,
        idempotencyKey: requestKey,
      });
    });
    return this.account(caller, patientId);
  }

  /** A credit (never below zero: no balance is held in advance) or a debit, with the reason the patient reads. */
  async adjust(
    caller: AuthenticatedCaller,
    patientId: string,
    body: AdjustmentBody,
    key: string | null,
  ): Promise<BillingAccount> {
    const patient = await this.patientInScope(caller, patientId);
    const requestKey = requireKey(key);
    const reason = requireReason(body.reason);
    const detail = { amountCents: body.amountCents, direction: body.direction, reason };
    await this.audited(caller, patientId, 'billing.office_adjustment', detail, async (repo) => {
      const owed = await repo.balance(patientId, true);
      const office = this.office.withDb(repo.db);
      const signed = body.direction === 'credit' ? -body.amountCents : body.amountCents;
      const prior = await office.entryByKey(patientId, requestKey);
      if (prior) return sameRequest(prior.id, Number(prior.amount_cents), signed);
      if (body.lineId) {
        const line = await office.charge(body.lineId);
        if (!line || line.patient_id !== patientId) throw notFound('This bill line');
      }
      if (body.direction === 'credit' && body.amountCents > owed) throw overBalance(owed, 'adjustment_exceeds_balance');
      return repo.append({
        organizationId: patient.organization_id,
        patientId,
        type: 'adjustment',
        amountCents: signed,
        ...(body.lineId ? { appliesTo: body.lineId } : {}),
        ruleCode: `adjustment_${body.direction}`,
        ruleParams: { amount: body.amountCents, reason },
        explanation: `${body.direction === 'credit' ? 'Credit' : 'Charge added'}: ${dollars(body.amountCents)}. ${reason}`,
        createdBy: caller.userId,
        idempotencyKey: requestKey,
      });
    });
    return this.account(caller, patientId);
  }

  /** Staff see patients of their own organization; admins see all. Anyone else's: 404. */
  private async patientInScope(caller: AuthenticatedCaller, patientId: string) {
    const patient = await this.office.patient(patientId);
    if (!patient || (caller.role !== 'admin' && patient.organization_id !== caller.organizationId)) {
      throw notFound('This patient');
    }
    return patient;
  }

  /**
   * Posts an entry (`post` returns its id, or the first request's on a retry) and its audit row in
   * one transaction, the audit append last: both commit or neither does (decision 0027).
   */
  private audited(
    caller: AuthenticatedCaller,
    patientId: string,
    action: string,
    detail: Record<string, string | number>,
    post: (repo: BillingRepository) => Promise<string | null>,
  ): Promise<string | null> {
    return this.repo.transaction(async (repo, trx) => {
      const id = await post(repo);
      await this.record(caller, patientId, action, id, detail, trx);
      return id;
    });
  }

  private async record(
    caller: AuthenticatedCaller,
    patientId: string,
    action: string,
    entityId: string | null,
    detail: Record<string, string | number>,
    trx?: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, entityType: 'Account', entityId: entityId ?? patientId, patientId, outcome: 'allowed', detail },
      trx,
    );
  }
}

function requireKey(key: string | null): string {
  if (key) return key;
  throw new AppError('idempotency_key_required', 400, 'Send an Idempotency-Key header so a retry cannot post twice.');
}

function requireReason(text: string): string {
  const reason = text.trim();
  if (!reason) throw validation([{ field: 'reason', message: 'Write the reason; the patient reads it on the bill.' }]);
  return reason;
}

/** A retried request: the first answer stands, provided it asked for the same amount. */
function sameRequest(id: string, priorCents: number, askedCents: number): string {
  if (Math.abs(priorCents) !== Math.abs(askedCents)) {
    throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different amount.');
  }
  return id;
}

function overBalance(payableCents: number, code: 'payment_exceeds_balance' | 'adjustment_exceeds_balance'): AppError {
  const max = Math.max(0, payableCents);
  return new AppError(
    code,
    422,
    max === 0
      ? 'This patient owes nothing right now, so nothing can be taken off or paid.'
      : `The most this can be is ${dollars(max)}, what the patient owes now.`,
    [{ field: 'amountCents', message: `Enter ${dollars(max)} or less.` }],
    {},
    { payableCents: max },
  );
}

const refundFailed = () =>
  new AppError(
    'refund_failed',
    502,
    'The card processor did not confirm the refund, so nothing was recorded. Try again in a few minutes.',
  );
