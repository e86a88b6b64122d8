import type Stripe from 'stripe';
import {
  ProcessorUnavailable,
  cardBrand,
  type CardDetails,
  type CardProcessor,
  type ChargeRequest,
  type ConfirmResult,
  type ProcessorResult,
  type RefundResult,
} from './processor.js';

export interface StripeProcessorOptions {
  secretKey: string;
  /** An origin such as http://127.0.0.1:12111 to talk to instead of api.stripe.com (tests). */
  apiBase?: string | null;
  /** Where the cardholder's bank sends them back after 3-D Secure when a charge names no page. */
  returnUrl: string;
  /** How long one request may take before it counts as unanswered. */
  timeoutMs?: number;
}

/**
 * One retry, never more. Every POST carries an idempotency key (the payment's id), so a retry
 * cannot charge twice; one retry absorbs a stale keep-alive socket or a momentary 5xx/409, while
 * the SDK's default of two retries with backoff keeps a patient watching a spinner for the one
 * payment in a thousand that will not go through anyway. The patient's own retry is safe too.
 */
export const STRIPE_MAX_NETWORK_RETRIES = 1;

/** Far below the SDK's 80 s: a person is waiting, and an unanswered charge stays pending, never paid. */
const DEFAULT_TIMEOUT_MS = 30_000;

type Decline = Extract<ProcessorResult, { status: 'declined' }>['code'];
type Intent = Stripe.PaymentIntent;

// The SDK (about 20 MiB of memory) loads with the first payment, not at start: most instances
// (and the demo) never talk to Stripe.
let sdk: typeof Stripe | null = null;
async function loadSdk(): Promise<typeof Stripe> {
  sdk ??= (await import('stripe')).default;
  return sdk;
}
/** The SDK's error classes; only reached after a call, which loaded the SDK. */
function errors(): typeof Stripe.errors {
  if (!sdk) throw new Error('the Stripe SDK is not loaded yet');
  return sdk.errors;
}

/**
 * Card payments through Stripe Payment Intents, created and confirmed server-side in one request,
 * so Portico's pages never load Stripe.js (no page loads anything from a third party). That needs a
 * Stripe account allowed to send card numbers from a server; see docs/decisions/0016.
 * Nothing here logs, and no error it throws carries card details.
 */
export class StripeProcessor implements CardProcessor {
  readonly name = 'stripe' as const;
  readonly #options: StripeProcessorOptions;
  #client: Promise<Stripe> | null = null;
  readonly #returnUrl: string;

  constructor(opts: StripeProcessorOptions) {
    this.#options = opts;
    this.#returnUrl = opts.returnUrl;
  }

  /** The SDK client, made at the first call. */
  #stripe(): Promise<Stripe> {
    this.#client ??= loadSdk().then((Sdk) => this.#make(Sdk));
    return this.#client;
  }

  #make(Sdk: typeof Stripe): Stripe {
    const opts = this.#options;
    const base = opts.apiBase ? new URL(opts.apiBase) : null;
    return new Sdk(opts.secretKey, {
      maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      telemetry: false,
      appInfo: { name: 'Portico' },
      ...(base
        ? {
            protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const),
            host: base.hostname,
            port: base.port || (base.protocol === 'http:' ? 80 : 443),
          }
        : {}),
    });
  }

  async charge(req: ChargeRequest): Promise<ProcessorResult> {
    const [month, year] = req.card.expiry.split('/');
    // The SDK leaves `card` out of payment_method_data's types on purpose (raw card data needs
    // Stripe's approval); the API takes it. Built apart from the literal so no cast is needed.
    const paymentMethodData = {
      type: 'card',
      card: {
        number: digits(req.card.number),
        exp_month: Number(month),
        exp_year: 2000 + Number(year),
        cvc: req.card.cvc,
      },
      billing_details: {
        name: req.card.name,
        ...(req.card.postalCode ? { address: { postal_code: req.card.postalCode } } : {}),
      },
    };
    const stripe = await this.#stripe();
    let intent: Intent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: req.amountCents,
          currency: 'usd',
          confirm: true,
          allowed_payment_method_types: ['card'],
          payment_method_data: paymentMethodData,
          // Without a return URL Stripe asks for 3-D Secure through Stripe.js; with one, it gives a page to send the cardholder to.
          return_url: req.returnUrl ?? this.#returnUrl,
          metadata: { portico_payment_id: req.idempotencyKey },
          expand: ['payment_method', 'latest_charge'],
        },
        { idempotencyKey: req.idempotencyKey },
      );
    } catch (err) {
      if (err instanceof errors().StripeCardError) {
        return { status: 'declined', ref: err.payment_intent?.id ?? err.requestId ?? '', code: declineOf(err) };
      }
      throw translate(err);
    }
    return resultOf(intent, req.card);
  }

  /**
   * The bank answered on its own page (3-D Secure), so Stripe, not the browser, says how: `approved`
   * is the test processor's simulated bank and means nothing here. An intent that did not succeed is
   * cancelled before it is called declined, so it cannot complete later on top of a "nothing charged".
   */
  async confirm(ref: string, _approved: boolean): Promise<ConfirmResult> {
    const declined = { status: 'declined', code: 'authentication_failed' } as const;
    if (!ref.startsWith('pi_')) return declined;
    const stripe = await this.#stripe();
    let intent = await this.#call(() => stripe.paymentIntents.retrieve(ref));
    if (intent.status === 'succeeded') return { status: 'succeeded' };
    if (intent.status === 'canceled') return declined;
    try {
      intent = await stripe.paymentIntents.cancel(ref, { cancellation_reason: 'abandoned' });
    } catch (err) {
      if (!(err instanceof errors().StripeInvalidRequestError)) throw translate(err);
      // Not cancellable any more: it moved on meanwhile (succeeded, or still processing).
      intent = await this.#call(() => stripe.paymentIntents.retrieve(ref));
    }
    if (intent.status === 'succeeded') return { status: 'succeeded' };
    if (intent.status === 'processing') throw new ProcessorUnavailable();
    return declined;
  }

  /** A pending refund counts: Stripe has accepted it and card refunds almost never fail afterwards. */
  async refund(req: { paymentRef: string; amountCents: number; idempotencyKey: string }): Promise<RefundResult> {
    const stripe = await this.#stripe();
    try {
      const refund = await stripe.refunds.create(
        {
          payment_intent: req.paymentRef,
          amount: req.amountCents,
          metadata: { portico_refund_key: req.idempotencyKey },
        },
        { idempotencyKey: req.idempotencyKey },
      );
      if (refund.status === 'succeeded' || refund.status === 'pending') return { status: 'succeeded', ref: refund.id };
      return { status: 'failed', code: refund.failure_reason ?? refund.status ?? 'failed' };
    } catch (err) {
      // Already refunded, more than is left, a charge Stripe does not know: a refusal, not an outage.
      if (err instanceof errors().StripeInvalidRequestError || err instanceof errors().StripeCardError) {
        return { status: 'failed', code: err.code ?? 'refund_refused' };
      }
      throw translate(err);
    }
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw translate(err);
    }
  }
}

const digits = (n: string) => n.replace(/\D/g, '');

function resultOf(intent: Intent, card: CardDetails): ProcessorResult {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', ref: intent.id, ...cardOf(intent, card) };
    case 'requires_action': {
      const url = intent.next_action?.redirect_to_url?.url;
      return {
        status: 'requires_action',
        ref: intent.id,
        ...cardOf(intent, card),
        ...(url ? { nextActionUrl: url } : {}),
      };
    }
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'canceled':
      return { status: 'declined', ref: intent.id, code: declineOf(intent.last_payment_error ?? {}) };
    default:
      // processing / requires_capture: money may yet move, so this is neither paid nor failed.
      throw new ProcessorUnavailable();
  }
}

/** Brand and last four as Stripe saw them; what was typed is the fallback. */
function cardOf(intent: Intent, card: CardDetails): { brand: string; last4: string } {
  const method = typeof intent.payment_method === 'object' ? intent.payment_method?.card : undefined;
  const charge =
    typeof intent.latest_charge === 'object' ? intent.latest_charge?.payment_method_details?.card : undefined;
  const typed = digits(card.number);
  return {
    brand: method?.brand ?? charge?.brand ?? cardBrand(typed),
    last4: method?.last4 ?? charge?.last4 ?? typed.slice(-4),
  };
}

function declineOf(e: { code?: string | null | undefined; decline_code?: string | null | undefined }): Decline {
  if (e.decline_code === 'insufficient_funds' || e.code === 'insufficient_funds') return 'insufficient_funds';
  if (
    e.code === 'payment_intent_authentication_failure' ||
    e.code === 'authentication_required' ||
    e.decline_code === 'authentication_required'
  ) {
    return 'authentication_failed';
  }
  return 'card_declined';
}

/** Stripe refused a request for a reason the operator must fix (a wrong key, a missing permission). */
export class StripeRequestRefused extends Error {
  constructor(err: InstanceType<typeof Stripe.errors.StripeError>) {
    const hint =
      err instanceof errors().StripeAuthenticationError
        ? 'check PORTICO_STRIPE_SECRET_KEY'
        : err instanceof errors().StripePermissionError
          ? 'the key lacks a permission this needs'
          : redactDigits(err.message);
    super(
      `Stripe refused the request (${err.type}${err.code ? `, ${err.code}` : ''}, request ${err.requestId ?? 'unknown'}): ${hint}`,
    );
    this.name = 'StripeRequestRefused';
  }
}

/** Long digit runs could be a card number echoed back in a message; they never reach a log. */
const redactDigits = (s: string) => s.replace(/\d[\d -]{10,}\d/g, '[redacted]');

/**
 * No answer, a 5xx, a rate limit or a key conflict: whether money moved is unknown, so the payment
 * stays unsettled (ProcessorUnavailable). Other Stripe errors become a card-free StripeRequestRefused;
 * a Stripe error object never escapes, since it carries the raw response.
 */
function translate(err: unknown): Error {
  if (
    err instanceof errors().StripeConnectionError ||
    err instanceof errors().StripeAPIError ||
    err instanceof errors().StripeRateLimitError ||
    err instanceof errors().StripeIdempotencyError
  ) {
    return new ProcessorUnavailable();
  }
  if (err instanceof errors().StripeError) return new StripeRequestRefused(err);
  return err instanceof Error ? err : new Error('unexpected failure talking to Stripe');
}
