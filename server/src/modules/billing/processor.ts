import { createHash } from 'node:crypto';

export interface CardDetails {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
  postalCode?: string | undefined;
}

export type ProcessorResult =
  | { status: 'succeeded'; ref: string; brand: string; last4: string }
  | {
      status: 'requires_action';
      ref: string;
      brand: string;
      last4: string;
      /** Where to send the cardholder for their bank's check (a real processor's 3-D Secure page); absent for the test processor. */
      nextActionUrl?: string;
    }
  | { status: 'declined'; ref: string; code: 'card_declined' | 'insufficient_funds' | 'authentication_failed' };

export type ConfirmResult = { status: 'succeeded' } | { status: 'declined'; code: 'authentication_failed' };

export type RefundResult = { status: 'succeeded'; ref: string } | { status: 'failed'; code: string };

/** The processor did not answer; whether money moved is unknown until it does. */
export class ProcessorUnavailable extends Error {
  constructor() {
    super('payment processor did not answer');
  }
}

export interface ChargeRequest {
  amountCents: number;
  card: CardDetails;
  idempotencyKey: string;
  /** Where the cardholder's bank sends them back after its check; a processor may have its own default. */
  returnUrl?: string;
}

/**
 * What Portico needs from a card processor. Card details go straight to the processor and are
 * never stored or logged; Portico keeps the processor's reference, the brand and the last four digits.
 */
export interface CardProcessor {
  readonly name: 'test' | 'stripe';
  charge(req: ChargeRequest): Promise<ProcessorResult>;
  /** Completes a payment that needed the cardholder's bank to confirm (3-D Secure). */
  confirm(ref: string, approved: boolean): Promise<ConfirmResult>;
  /** Returns money to the card a payment came from; one key refunds once. */
  refund(req: { paymentRef: string; amountCents: number; idempotencyKey: string }): Promise<RefundResult>;
}

const digits = (n: string) => n.replace(/\D/g, '');

/** The Luhn checksum every card number carries: catches most typing mistakes before the processor sees them. */
export function luhnValid(number: string): boolean {
  const d = digits(number);
  if (d.length < 12 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** True when MM/YY is this month or later. */
export function expiryValid(expiry: string, now = new Date()): boolean {
  const m = /^(\d{2})\/(\d{2})$/.exec(expiry);
  if (!m) return false;
  const month = Number(m[1]);
  const year = 2000 + Number(m[2]);
  return year > now.getUTCFullYear() || (year === now.getUTCFullYear() && month >= now.getUTCMonth() + 1);
}

export function cardBrand(number: string): string {
  const d = digits(number);
  if (d.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(d)) return 'mastercard';
  if (/^3[47]/.test(d)) return 'amex';
  if (/^6(011|5)/.test(d)) return 'discover';
  return 'card';
}

type TestBehaviour = 'succeed' | 'decline' | 'insufficient' | 'authenticate' | 'timeout';

/** The built-in processor's test cards (the same numbers payment processors document for testing). */
export const TEST_CARDS: Record<string, TestBehaviour> = {
  '4242424242424242': 'succeed',
  '5555555555554444': 'succeed',
  '4000000000000002': 'decline',
  '4000000000009995': 'insufficient',
  '4000002500003155': 'authenticate',
  '4000000000000119': 'timeout',
};

/**
 * A processor that moves no money, for the demo and the tests. It behaves like a real one:
 * idempotent by key, declines, asks for authentication, and sometimes does not answer.
 */
export class TestProcessor implements CardProcessor {
  readonly name = 'test' as const;
  readonly #byKey = new Map<string, ProcessorResult>();

  async charge(req: { amountCents: number; card: CardDetails; idempotencyKey: string }): Promise<ProcessorResult> {
    const prior = this.#byKey.get(req.idempotencyKey);
    if (prior) return prior;
    const number = digits(req.card.number);
    const behaviour = TEST_CARDS[number] ?? 'decline';
    if (behaviour === 'timeout') throw new ProcessorUnavailable();
    const ref = `test_${createHash('sha256').update(req.idempotencyKey).digest('hex').slice(0, 24)}`;
    const card = { brand: cardBrand(number), last4: number.slice(-4) };
    const result: ProcessorResult =
      behaviour === 'succeed'
        ? { status: 'succeeded', ref, ...card }
        : behaviour === 'authenticate'
          ? { status: 'requires_action', ref, ...card }
          : { status: 'declined', ref, code: behaviour === 'insufficient' ? 'insufficient_funds' : 'card_declined' };
    this.#byKey.set(req.idempotencyKey, result);
    return result;
  }

  /** Refunds any charge this processor made; repeating a key repeats the first answer. */
  async refund(req: { paymentRef: string; amountCents: number; idempotencyKey: string }): Promise<RefundResult> {
    if (!req.paymentRef.startsWith('test_')) return { status: 'failed', code: 'unknown_charge' };
    return {
      status: 'succeeded',
      ref: `test_re_${createHash('sha256').update(req.idempotencyKey).digest('hex').slice(0, 20)}`,
    };
  }

  /** The simulated bank approves or refuses; a refused confirmation is a decline, like a real one. */
  async confirm(ref: string, approved: boolean): Promise<ConfirmResult> {
    if (!ref.startsWith('test_')) return { status: 'declined', code: 'authentication_failed' };
    return approved ? { status: 'succeeded' } : { status: 'declined', code: 'authentication_failed' };
  }
}
