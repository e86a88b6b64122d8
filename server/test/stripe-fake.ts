import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Stripe API endpoints Portico calls, answering in Stripe's documented
 * JSON shapes (payment_intent, refund, and the `{ error: { type, code, decline_code, ... } }` body)
 * and recording every request. It knows Stripe's published test cards.
 */
export interface StripeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang-up' | 'silence';
type Json = Record<string, unknown>;

type CardOutcome = 'succeed' | 'decline' | 'insufficient' | 'authenticate' | 'server_error';
const CARDS: Record<string, { brand: string; outcome: CardOutcome }> = {
  '4242424242424242': { brand: 'visa', outcome: 'succeed' },
  '5555555555554444': { brand: 'mastercard', outcome: 'succeed' },
  '4000000000000002': { brand: 'visa', outcome: 'decline' },
  '4000000000009995': { brand: 'visa', outcome: 'insufficient' },
  '4000002500003155': { brand: 'visa', outcome: 'authenticate' },
  '4000000000000119': { brand: 'visa', outcome: 'server_error' },
};
const CANCELLABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing'];

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const stripeError = (status: number, error: Json): Reply => ({ status, body: { error } });

export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  readonly intents = new Map<string, Json>();
  /** Answers instead of the default while set; returning undefined falls through to the default. */
  override: ((req: StripeRequest) => Reply | undefined) | null = null;
  #server: Server | null = null;

  constructor(private readonly secretKey: string) {}

  get url(): string {
    const address = this.#server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake Stripe is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Requests to one path, in order. */
  to(method: string, path: string): StripeRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: StripeRequest = {
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0] ?? '/',
          headers: req.headers,
          form: new URLSearchParams(
            req.method === 'GET' ? ((req.url ?? '').split('?')[1] ?? '') : Buffer.concat(chunks).toString('utf8'),
          ),
        };
        this.requests.push(recorded);
        const reply = this.override?.(recorded) ?? this.#answer(recorded);
        if (reply === 'hang-up') return void req.socket.destroy();
        if (reply === 'silence') return;
        send(res, reply);
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** What the cardholder's bank would do on its 3-D Secure page. */
  bankAnswers(intentId: string, approved: boolean): void {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    Object.assign(
      intent,
      approved
        ? { status: 'succeeded', next_action: null, amount_received: intent['amount'] }
        : {
            status: 'requires_payment_method',
            next_action: null,
            last_payment_error: { type: 'card_error', code: 'payment_intent_authentication_failure' },
          },
    );
  }

  #answer(req: StripeRequest): Reply {
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      return stripeError(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${String(req.headers.authorization).slice(7, 15)}****`,
      });
    }
    const intentPath = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(req.path);
    if (req.method === 'POST' && req.path === '/v1/payment_intents') return this.#createIntent(req);
    if (intentPath) {
      const intent = this.intents.get(intentPath[1] ?? '');
      if (!intent) return missing(intentPath[1] ?? '');
      if (req.method === 'GET' && !intentPath[2]) return { status: 200, body: intent };
      if (req.method === 'POST' && intentPath[2]) {
        if (!CANCELLABLE.includes(String(intent['status']))) {
          return stripeError(400, {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: `You cannot cancel this PaymentIntent because it has a status of ${String(intent['status'])}.`,
          });
        }
        Object.assign(intent, {
          status: 'canceled',
          next_action: null,
          cancellation_reason: req.form.get('cancellation_reason'),
        });
        return { status: 200, body: intent };
      }
    }
    if (req.method === 'POST' && req.path === '/v1/refunds') {
      const intent = this.intents.get(req.form.get('payment_intent') ?? '');
      if (!intent || intent['status'] !== 'succeeded') return missing(req.form.get('payment_intent') ?? '');
      const amount = Number(req.form.get('amount') ?? intent['amount']);
      return {
        status: 200,
        body: {
          id: id('re'),
          object: 'refund',
          amount,
          currency: 'usd',
          payment_intent: intent['id'],
          status: 'succeeded',
        },
      };
    }
    return stripeError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${req.path}).`,
    });
  }

  #createIntent(req: StripeRequest): Reply {
    const number = req.form.get('payment_method_data[card][number]') ?? '';
    const card = CARDS[number] ?? { brand: 'visa', outcome: 'decline' as const };
    if (card.outcome === 'server_error') {
      return stripeError(500, { type: 'api_error', message: 'An unknown error occurred' });
    }
    const expand = [...req.form.entries()].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
    const pmCard = {
      brand: card.brand,
      last4: number.slice(-4),
      exp_month: Number(req.form.get('payment_method_data[card][exp_month]')),
      exp_year: Number(req.form.get('payment_method_data[card][exp_year]')),
      funding: 'credit',
      country: 'US',
    };
    const paymentMethod = { id: id('pm'), object: 'payment_method', type: 'card', card: pmCard };
    const chargeId = id('ch');
    const intentId = id('pi');
    const status =
      card.outcome === 'succeed'
        ? 'succeeded'
        : card.outcome === 'authenticate'
          ? 'requires_action'
          : 'requires_payment_method';
    const returnUrl = req.form.get('return_url');
    const intent: Json = {
      id: intentId,
      object: 'payment_intent',
      amount: Number(req.form.get('amount')),
      amount_received: status === 'succeeded' ? Number(req.form.get('amount')) : 0,
      currency: req.form.get('currency'),
      status,
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      metadata: { portico_payment_id: req.form.get('metadata[portico_payment_id]') },
      allowed_payment_method_types: ['card'],
      payment_method_types: ['card'],
      payment_method: expand.includes('payment_method') ? paymentMethod : paymentMethod.id,
      latest_charge:
        status !== 'succeeded'
          ? null
          : expand.includes('latest_charge')
            ? { id: chargeId, object: 'charge', payment_method_details: { type: 'card', card: pmCard } }
            : chargeId,
      next_action:
        status === 'requires_action' && returnUrl
          ? {
              type: 'redirect_to_url',
              redirect_to_url: {
                url: `https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_x&payment_intent=${intentId}`,
                return_url: returnUrl,
              },
            }
          : null,
      last_payment_error: null,
    };
    this.intents.set(intentId, intent);
    if (status === 'requires_payment_method') {
      const declineCode = card.outcome === 'insufficient' ? 'insufficient_funds' : 'generic_decline';
      const error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: declineCode,
        message: 'Your card was declined.',
      };
      intent['last_payment_error'] = error;
      return stripeError(402, {
        ...error,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_intent: intent,
      });
    }
    return { status: 200, body: intent };
  }
}

function missing(what: string): Reply {
  return stripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such payment_intent: '${what}'`,
  });
}

function send(res: ServerResponse, reply: Exclude<Reply, 'hang-up' | 'silence'>): void {
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'request-id': id('req'),
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
}
