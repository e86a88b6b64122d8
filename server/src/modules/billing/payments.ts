import type { CardPaymentBody, Payment } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { patientForArea } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import { dollars } from './engine.js';
import { CardPaymentRecorder, type PaymentStore } from './card-payment.js';
import type { CardProcessor } from './processor.js';
import type { BillingRepository } from './repository.js';

type PaymentRow = NonNullable<Awaited<ReturnType<BillingRepository['payment']>>>;

const DECLINE_MESSAGES: Record<string, string> = {
  card_declined: 'Your card was declined. Nothing was charged. Try another card, or call the billing office.',
  insufficient_funds: 'Your card was declined for insufficient funds. Nothing was charged. Try another card.',
  authentication_failed: 'Your bank did not confirm the payment. Nothing was charged. Try again or use another card.',
};

/**
 * Card payments toward a balance. Only what the processor confirmed reaches the ledger; a
 * payment never exceeds what is owed (counting payments still in flight), and one key pays once.
 */
export class PaymentService {
  constructor(
    private readonly repo: BillingRepository,
    processor: CardProcessor | null,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {
    this.cards = new CardPaymentRecorder(processor, {
      notSetUp:
        'Online card payment is not set up here. Pay by phone or by mail; the billing office number is on your statement.',
      keyRequired: 'Send an Idempotency-Key header so a retry cannot pay twice.',
      invalidNumber: 'This card number is not valid. Check the digits.',
      expired: 'This card has expired. Check the date or use another card.',
      declined: DECLINE_MESSAGES,
      unavailable: processorUnavailable,
      confirmUnavailable: processorUnavailable,
    });
  }

  private readonly cards: CardPaymentRecorder;

  async payByCard(caller: AuthenticatedCaller, body: CardPaymentBody, key: string | null): Promise<Payment> {
    const patientId = patientForArea(caller, 'billing');
    this.cards.requireProcessor();
    const charged = await this.cards.charge({
      body,
      key: this.cards.requireKey(key),
      store: this.store(caller, patientId),
      audit: (paymentId, outcome, detail) => this.record(caller, patientId, paymentId, outcome, detail),
      // The processor's key is the payment's own id: one payment, one charge, whatever the client sends.
      processorKey: (paymentId) => paymentId,
      returnUrl: (paymentId) => `${this.publicUrl}/billing/pay?payment=${paymentId}`,
    });
    if (charged.kind === 'done') return this.view(charged.row);
    const { paymentId, result } = charged;
    const card = { processorRef: result.ref, cardBrand: result.brand, cardLast4: result.last4 };
    if (result.status === 'requires_action') {
      await this.repo.transaction(async (repo, trx) => {
        await repo.updatePayment(paymentId, { status: 'requires_action', ...card });
        await this.record(caller, patientId, paymentId, 'allowed', { step: 'requires_action' }, trx);
      });
      const pending = await this.load(patientId, paymentId);
      return result.nextActionUrl ? { ...pending, nextActionUrl: result.nextActionUrl } : pending;
    }
    await this.settle(caller, patientId, paymentId, card);
    return this.load(patientId, paymentId);
  }

  /** The cardholder's bank answered the authentication step (3-D Secure). */
  async confirm(caller: AuthenticatedCaller, paymentId: string, approved: boolean): Promise<Payment> {
    const patientId = patientForArea(caller, 'billing');
    this.cards.requireProcessor();
    const row = await this.repo.payment(paymentId);
    if (!row || row.patient_id !== patientId) throw notFound('This payment');
    if (row.status !== 'requires_action') return this.view(row);
    await this.cards.confirm({
      row,
      approved,
      store: this.store(caller, patientId),
    });
    await this.settle(caller, patientId, paymentId, {});
    return this.load(patientId, paymentId);
  }

  /** This patient's card payments, as the shared payment recorder sees them. */
  private store(caller: AuthenticatedCaller, patientId: string): PaymentStore<PaymentRow> {
    return {
      byKey: (key) => this.repo.paymentByKey(patientId, key),
      open: (amountCents, key) => this.open(caller, patientId, amountCents, key),
      fail: (id, set, detail) =>
        this.repo.transaction(async (repo, trx) => {
          await repo.updatePayment(id, { ...set, status: 'failed' });
          await this.record(caller, patientId, id, 'failed', detail, trx);
        }),
    };
  }

  /** Opens a pending payment after checking the amount against what is owed and not already being paid. */
  private async open(
    caller: AuthenticatedCaller,
    patientId: string,
    amountCents: number,
    key: string,
  ): Promise<string> {
    const org = await this.repo.patientOrganization(patientId);
    if (!org) throw notFound('This record');
    const id = await this.repo.transaction(async (repo) => {
      const owed = await repo.balance(patientId, true);
      // Under the lock: a concurrent request with this key may have opened the payment already.
      const same = await repo.paymentByKey(patientId, key);
      if (same) return same.id;
      // Payments left waiting (a bank check never answered, a processor that never replied) lapse
      // after 15 minutes, so they can neither block this payment nor settle later on top of it.
      await repo.expireStalePayments(patientId, new Date(Date.now() - 15 * 60_000));
      const inFlight = await repo.inFlightCents(patientId);
      const payable = owed - inFlight;
      if (amountCents > payable) {
        throw new AppError(
          'payment_exceeds_balance',
          422,
          payable <= 0
            ? 'There is nothing to pay right now. Payments are taken only for visits that have happened.'
            : `You can pay up to ${dollars(payable)}, the balance for visits that have happened.`,
          [{ field: 'amountCents', message: `Enter ${dollars(payable)} or less.` }],
          {},
          { payableCents: Math.max(0, payable) },
        );
      }
      return repo.insertPayment({
        organizationId: org.organization_id,
        patientId,
        amountCents,
        method: 'card_online',
        processor: this.cards.requireProcessor().name,
        idempotencyKey: key,
        createdBy: caller.userId,
      });
    });
    if (id) return id;
    // A concurrent request with the same key won the insert: continue with its payment.
    const row = await this.repo.paymentByKey(patientId, key);
    if (!row) throw new Error('payment vanished after a key conflict');
    return row.id;
  }

  /** The processor confirmed: mark paid, post the ledger entry and audit it together, then send the receipt. */
  private async settle(
    caller: AuthenticatedCaller,
    patientId: string,
    paymentId: string,
    card: { processorRef?: string; cardBrand?: string; cardLast4?: string },
  ): Promise<void> {
    const row = await this.repo.transaction(async (repo, trx) => {
      const p = await repo.paymentForUpdate(paymentId);
      if (!p) throw new Error('payment vanished');
      // A concurrent request got here first (paid once), or the payment lapsed or failed meanwhile.
      if (p.status !== 'pending' && p.status !== 'requires_action') return null;
      await repo.updatePayment(paymentId, { status: 'succeeded', ...card });
      await repo.append({
        organizationId: p.organization_id,
        patientId,
        type: 'payment',
        amountCents: -Number(p.amount_cents),
        paymentId,
        explanation: `Payment received by card, thank you: ${dollars(Number(p.amount_cents))}.`,
        createdBy: caller.userId,
      });
      await this.record(caller, patientId, paymentId, 'allowed', { amountCents: Number(p.amount_cents) }, trx);
      return p;
    });
    if (!row) return;
    const to = await this.repo.receiptAddress(patientId, caller.userId);
    if (to) {
      const link = `${this.publicUrl}/billing`;
      await this.mail.sendTo(to, (tr) => ({
        subject: tr.t('email.receipt.subject'),
        lines: [
          tr.t('email.receipt.body', { amount: tr.money(Number(row.amount_cents)) }),
          '',
          tr.t('email.receipt.link', { link }),
        ],
      }));
    }
  }

  private async record(
    caller: AuthenticatedCaller,
    patientId: string,
    paymentId: string,
    outcome: 'allowed' | 'failed',
    detail: Record<string, string | number>,
    /** The change's transaction, so the row commits with it (decision 0027); none for an outcome that changes nothing. */
    trx?: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action: 'billing.pay', entityType: 'PaymentReconciliation', entityId: paymentId, patientId, outcome, detail },
      trx,
    );
  }

  private async load(patientId: string, paymentId: string): Promise<Payment> {
    const row = await this.repo.payment(paymentId);
    if (!row || row.patient_id !== patientId) throw notFound('This payment');
    return this.view(row);
  }

  private async view(row: PaymentRow): Promise<Payment> {
    return {
      id: row.id,
      amountCents: Number(row.amount_cents),
      status: row.status,
      method: row.method,
      cardBrand: row.card_brand,
      cardLast4: row.card_last4,
      createdAt: row.created_at.toISOString(),
      balanceCents: await this.repo.balance(row.patient_id),
    };
  }
}

const processorUnavailable = () =>
  new AppError(
    'payment_processor_unavailable',
    503,
    'The card processor did not answer, so this payment is not confirmed and nothing was recorded as paid. Try again in a few minutes; you will not be charged twice.',
  );
