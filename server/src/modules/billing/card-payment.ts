import type { CardPaymentBody } from '@portico/contracts';
import { AppError, validation } from '../../lib/errors.js';
import {
  ProcessorUnavailable,
  expiryValid,
  luhnValid,
  type CardProcessor,
  type ConfirmResult,
  type ProcessorResult,
} from './processor.js';

/** What both payment tables (`payments`, `care_deposit_payments`) hold about a card payment. */
export interface PaymentRecord {
  id: string;
  amount_cents: string | number;
  status: string;
  processor_ref: string | null;
}

export interface PaymentUpdate {
  status: 'succeeded' | 'requires_action' | 'failed';
  processorRef?: string;
  failureCode?: string;
  cardBrand?: string;
  cardLast4?: string;
}

/** The columns an update writes: only the fields given, and always `updated_at`. */
export function paymentUpdateColumns(set: PaymentUpdate) {
  return {
    status: set.status,
    ...(set.processorRef !== undefined ? { processor_ref: set.processorRef } : {}),
    ...(set.failureCode !== undefined ? { failure_code: set.failureCode } : {}),
    ...(set.cardBrand !== undefined ? { card_brand: set.cardBrand } : {}),
    ...(set.cardLast4 !== undefined ? { card_last4: set.cardLast4 } : {}),
    updated_at: new Date(),
  };
}

/** Where one kind of payment is kept: the feature's own table and its own rule for opening one. */
export interface PaymentStore<R extends PaymentRecord> {
  byKey(key: string): Promise<R | undefined>;
  /** Opens a pending payment (the feature checks the amount under its own lock); returns its id. */
  open(amountCents: number, key: string): Promise<string>;
  /**
   * Marks the payment failed and appends its `failed` audit row (with `detail`) in one
   * transaction, so neither is kept without the other (decision 0027).
   */
  fail(id: string, set: Omit<PaymentUpdate, 'status'>, detail: Record<string, string | number>): Promise<void>;
}

/** The words a feature shows: the same rules, each feature's own voice. */
export interface PaymentWording {
  /** Shown when no card processor is configured. */
  notSetUp: string;
  keyRequired: string;
  invalidNumber: string;
  expired: string;
  declined: Record<string, string>;
  unavailable: () => AppError;
  /** The error of a bank check (3-D Secure) the processor did not answer. */
  confirmUnavailable: () => AppError;
}

/** The audit port for an outcome that changes nothing (the processor did not answer): the feature names the action and entity. */
export type PaymentAudit = (
  paymentId: string,
  outcome: 'allowed' | 'failed',
  detail: Record<string, string | number>,
) => Promise<void>;

export type ChargeOutcome<R> =
  | { kind: 'done'; row: R }
  | { kind: 'charged'; paymentId: string; result: Exclude<ProcessorResult, { status: 'declined' }> };

/**
 * The card-payment recording both billing payments and international deposits follow: the key
 * is required and pays once (a reused key with another amount is refused), the card is checked
 * before the processor sees it, a pending row is opened before the charge (so a crash leaves a
 * trace, never an unrecorded charge), and a decline or a silent processor is recorded as such.
 * What happens after the processor says yes (a ledger entry, or money held on a deposit) stays
 * with the feature.
 */
export class CardPaymentRecorder {
  constructor(
    private readonly processor: CardProcessor | null,
    private readonly wording: PaymentWording,
  ) {}

  /** The configured processor; without one, online card payment is refused plainly. */
  requireProcessor(): CardProcessor {
    if (this.processor) return this.processor;
    throw new AppError('online_payment_unavailable', 503, this.wording.notSetUp);
  }

  requireKey(key: string | null): string {
    if (key) return key;
    throw new AppError('idempotency_key_required', 400, this.wording.keyRequired);
  }

  /** Checks the card, opens (or finds) the payment for this key and charges it once. */
  async charge<R extends PaymentRecord>(input: {
    body: CardPaymentBody;
    key: string;
    store: PaymentStore<R>;
    audit: PaymentAudit;
    processorKey: (paymentId: string) => string;
    returnUrl?: (paymentId: string) => string;
  }): Promise<ChargeOutcome<R>> {
    const { body, key, store, audit } = input;
    const fields = [];
    if (!luhnValid(body.card.number)) fields.push({ field: 'card.number', message: this.wording.invalidNumber });
    if (!expiryValid(body.card.expiry)) fields.push({ field: 'card.expiry', message: this.wording.expired });
    if (fields.length) throw validation(fields);

    const prior = await store.byKey(key);
    if (prior && Number(prior.amount_cents) !== body.amountCents) {
      throw new AppError(
        'idempotency_key_reused',
        422,
        'This Idempotency-Key was already used for a different payment.',
      );
    }
    if (prior && prior.status !== 'pending') return { kind: 'done', row: prior };
    const paymentId = prior?.id ?? (await store.open(body.amountCents, key));

    let result: ProcessorResult;
    try {
      result = await this.requireProcessor().charge({
        amountCents: body.amountCents,
        card: body.card,
        idempotencyKey: input.processorKey(paymentId),
        ...(input.returnUrl ? { returnUrl: input.returnUrl(paymentId) } : {}),
      });
    } catch (err) {
      if (!(err instanceof ProcessorUnavailable)) throw err;
      await audit(paymentId, 'failed', { reason: 'processor_unavailable' });
      throw this.wording.unavailable();
    }
    if (result.status === 'declined') {
      await store.fail(paymentId, { processorRef: result.ref, failureCode: result.code }, { reason: result.code });
      const message = this.declineMessage(result.code);
      throw new AppError('card_declined', 402, message, [{ field: 'card.number', message }]);
    }
    return { kind: 'charged', paymentId, result };
  }

  /** The cardholder's bank answered its check: a decline is recorded and refused; approval is the caller's to settle. */
  async confirm<R extends PaymentRecord>(input: { row: R; approved: boolean; store: PaymentStore<R> }): Promise<void> {
    const { row, store } = input;
    let result: ConfirmResult;
    try {
      result = await this.requireProcessor().confirm(row.processor_ref ?? '', input.approved);
    } catch (err) {
      if (err instanceof ProcessorUnavailable) throw this.wording.confirmUnavailable();
      throw err;
    }
    if (result.status === 'declined') {
      await store.fail(row.id, { failureCode: result.code }, { reason: result.code });
      throw new AppError('card_declined', 402, this.wording.declined[result.code] ?? '');
    }
  }

  private declineMessage(code: string): string {
    return this.wording.declined[code] ?? this.wording.declined['card_declined'] ?? '';
  }
}
