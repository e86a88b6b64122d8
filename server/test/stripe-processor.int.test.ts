import type { Payment } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { ProcessorUnavailable, type CardDetails } from '../src/modules/billing/processor.js';
import {
  STRIPE_MAX_NETWORK_RETRIES,
  StripeProcessor,
  StripeRequestRefused,
} from '../src/modules/billing/stripe-processor.js';
import { addRuleSet, billedVisit, ledgerSum, pay, RULES } from './billing-fixtures.js';
import { createOrganization, TEST_DATABASE_URL, uniq, type TestContext } from './context.js';
import { openPgliteFromTemplate } from './db-template.js';
import { FakeStripe } from './stripe-fake.js';

const KEY = 'sk_test_PorticoFakeKey0123456789';
const CARD_NUMBERS = [
  '4242424242424242',
  '4000000000000002',
  '4000000000009995',
  '4000002500003155',
  '4000000000000119',
];
const card = (number: string): CardDetails => ({
  number,
  expiry: '12/34',
  cvc: '123',
  name: 'Eleanor Test',
  postalCode: '02115',
});

const fake = new FakeStripe(KEY);
let processor: StripeProcessor;

beforeAll(async () => {
  await fake.start();
  processor = new StripeProcessor({
    secretKey: KEY,
    apiBase: fake.url,
    returnUrl: 'https://portal.example.org/billing/pay',
  });
});
afterAll(async () => fake.stop());
afterEach(() => {
  fake.override = null;
});

async function unavailable(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(ProcessorUnavailable);
}

describe('StripeProcessor against a local Stripe API', () => {
  it('creates and confirms one PaymentIntent: amount in cents, usd, the card, the payment id as idempotency key', async () => {
    const key = uniq('payment');
    const result = await processor.charge({
      amountCents: 2500,
      card: card('4242 4242 4242 4242'),
      idempotencyKey: key,
    });
    const [req] = fake.to('POST', '/v1/payment_intents').slice(-1);
    expect(result).toEqual({ status: 'succeeded', ref: expect.stringMatching(/^pi_/), brand: 'visa', last4: '4242' });
    expect(req?.headers['idempotency-key']).toBe(key);
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    const form = Object.fromEntries(req?.form ?? []);
    expect(form).toMatchObject({
      amount: '2500',
      currency: 'usd',
      confirm: 'true',
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': '2034',
      'payment_method_data[card][cvc]': '123',
      'payment_method_data[billing_details][name]': 'Eleanor Test',
      'payment_method_data[billing_details][address][postal_code]': '02115',
      'metadata[portico_payment_id]': key,
      return_url: 'https://portal.example.org/billing/pay',
    });
    expect(fake.intents.get(result.ref)).toMatchObject({ status: 'succeeded', amount: 2500 });
  });

  it("reads brand and last four from Stripe's answer, from the latest charge when the method is not expanded", async () => {
    fake.override = (req) => {
      if (req.path !== '/v1/payment_intents') return undefined;
      const pmCard = { brand: 'cartes_bancaires', last4: '0000' };
      return {
        status: 200,
        body: {
          id: 'pi_fromcharge',
          object: 'payment_intent',
          status: 'succeeded',
          amount: 100,
          currency: 'usd',
          payment_method: 'pm_123',
          latest_charge: { id: 'ch_1', object: 'charge', payment_method_details: { type: 'card', card: pmCard } },
        },
      };
    };
    const result = await processor.charge({
      amountCents: 100,
      card: card('4242424242424242'),
      idempotencyKey: uniq('p'),
    });
    expect(result).toEqual({ status: 'succeeded', ref: 'pi_fromcharge', brand: 'cartes_bancaires', last4: '0000' });
  });

  it('maps card errors (HTTP 402) to declines with the reason', async () => {
    const declined = await processor.charge({
      amountCents: 2500,
      card: card('4000000000000002'),
      idempotencyKey: uniq('p'),
    });
    expect(declined).toEqual({ status: 'declined', ref: expect.stringMatching(/^pi_/), code: 'card_declined' });
    const broke = await processor.charge({
      amountCents: 2500,
      card: card('4000000000009995'),
      idempotencyKey: uniq('p'),
    });
    expect(broke).toMatchObject({ status: 'declined', code: 'insufficient_funds' });
    fake.override = () => ({
      status: 402,
      body: { error: { type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required' } },
    });
    const noAuth = await processor.charge({
      amountCents: 2500,
      card: card('4242424242424242'),
      idempotencyKey: uniq('p'),
    });
    // No PaymentIntent in the error: Stripe's request id is the reference support can trace.
    expect(noAuth).toEqual({ status: 'declined', ref: expect.stringMatching(/^req_/), code: 'authentication_failed' });
  });

  // The SDK's retries are set on purpose (STRIPE_MAX_NETWORK_RETRIES = 1): one retry, carrying the same key.
  it('a 5xx is retried once with the same idempotency key, then reported as unavailable', async () => {
    expect(STRIPE_MAX_NETWORK_RETRIES).toBe(1);
    const key = uniq('p');
    await unavailable(processor.charge({ amountCents: 2500, card: card('4000000000000119'), idempotencyKey: key }));
    const tries = fake.requests.filter((r) => r.headers['idempotency-key'] === key);
    expect(tries).toHaveLength(2);
  });

  it('a closed connection or no answer at all is unavailable, never paid', async () => {
    const key = uniq('p');
    fake.override = () => 'hang-up';
    await unavailable(processor.charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: key }));
    expect(fake.requests.filter((r) => r.headers['idempotency-key'] === key)).toHaveLength(2);

    fake.override = () => 'silence';
    const impatient = new StripeProcessor({
      secretKey: KEY,
      apiBase: fake.url,
      returnUrl: 'https://x.example',
      timeoutMs: 200,
    });
    await unavailable(
      impatient.charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: uniq('p') }),
    );

    fake.override = () => ({ status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit' } } });
    await unavailable(
      processor.charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: uniq('p') }),
    );

    const nowhere = new StripeProcessor({
      secretKey: KEY,
      apiBase: 'http://127.0.0.1:1',
      returnUrl: 'https://x.example',
    });
    await unavailable(nowhere.charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: uniq('p') }));
  });

  it('requires_action gives the bank page; confirm asks Stripe, and cancels what the bank did not approve', async () => {
    const started = await processor.charge({
      amountCents: 2500,
      card: card('4000002500003155'),
      idempotencyKey: uniq('p'),
      returnUrl: 'https://portal.example.org/billing/pay?payment=1',
    });
    expect(started).toMatchObject({ status: 'requires_action', brand: 'visa', last4: '3155' });
    if (started.status !== 'requires_action') throw new Error('expected requires_action');
    expect(started.nextActionUrl).toMatch(/^https:\/\/hooks\.stripe\.com\//);
    expect(fake.to('POST', '/v1/payment_intents').at(-1)?.form.get('return_url')).toBe(
      'https://portal.example.org/billing/pay?payment=1',
    );
    // The patient came back without finishing the bank's check: declined, and Stripe cancels it.
    expect(await processor.confirm(started.ref, true)).toEqual({ status: 'declined', code: 'authentication_failed' });
    expect(fake.intents.get(started.ref)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });

    const approved = await processor.charge({
      amountCents: 2500,
      card: card('4000002500003155'),
      idempotencyKey: uniq('p'),
    });
    fake.bankAnswers(approved.ref, true);
    // `approved: false` is the test processor's simulated bank; Stripe's answer is what counts.
    expect(await processor.confirm(approved.ref, false)).toEqual({ status: 'succeeded' });
    expect(fake.to('POST', `/v1/payment_intents/${approved.ref}/cancel`)).toEqual([]);

    const refused = await processor.charge({
      amountCents: 2500,
      card: card('4000002500003155'),
      idempotencyKey: uniq('p'),
    });
    fake.bankAnswers(refused.ref, false);
    expect(await processor.confirm(refused.ref, true)).toEqual({ status: 'declined', code: 'authentication_failed' });

    const before = fake.requests.length;
    expect(await processor.confirm('test_abc', true)).toEqual({ status: 'declined', code: 'authentication_failed' });
    expect(fake.requests.length).toBe(before);
  });

  it('a confirm that finds Stripe down is unavailable, not declined', async () => {
    const started = await processor.charge({
      amountCents: 2500,
      card: card('4000002500003155'),
      idempotencyKey: uniq('p'),
    });
    fake.override = () => ({ status: 503, body: { error: { type: 'api_error' } } });
    await unavailable(processor.confirm(started.ref, true));
  });

  it('refunds by payment intent with the given key; a refusal is a failed refund', async () => {
    const paid = await processor.charge({
      amountCents: 4000,
      card: card('4242424242424242'),
      idempotencyKey: uniq('p'),
    });
    const key = `${uniq('pay')}:${uniq('refund')}`;
    expect(await processor.refund({ paymentRef: paid.ref, amountCents: 1500, idempotencyKey: key })).toEqual({
      status: 'succeeded',
      ref: expect.stringMatching(/^re_/),
    });
    const [req] = fake.to('POST', '/v1/refunds').slice(-1);
    expect(req?.headers['idempotency-key']).toBe(key);
    expect(Object.fromEntries(req?.form ?? [])).toMatchObject({ payment_intent: paid.ref, amount: '1500' });
    expect(await processor.refund({ paymentRef: 'pi_unknown', amountCents: 100, idempotencyKey: uniq('r') })).toEqual({
      status: 'failed',
      code: 'resource_missing',
    });
    fake.override = () => 'hang-up';
    await unavailable(processor.refund({ paymentRef: paid.ref, amountCents: 100, idempotencyKey: uniq('r') }));
  });

  it('a wrong key or a refused request is an operator error that carries no card number and no key', async () => {
    const wrongKey = new StripeProcessor({
      secretKey: 'sk_test_wrong999',
      apiBase: fake.url,
      returnUrl: 'https://x.example',
    });
    const err = await wrongKey
      .charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: uniq('p') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StripeRequestRefused);
    expect(String(err)).toMatch(/PORTICO_STRIPE_SECRET_KEY/);
    expect(String(err)).not.toContain('sk_test_wrong999');

    // Stripe's message for an account not allowed to send card numbers; suppose it echoed one.
    fake.override = () => ({
      status: 400,
      body: {
        error: { type: 'invalid_request_error', message: 'Sending card 4242 4242 4242 4242 directly is unsafe.' },
      },
    });
    const refused = await processor
      .charge({ amountCents: 2500, card: card('4242424242424242'), idempotencyKey: uniq('p') })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StripeRequestRefused);
    expect(JSON.stringify({ message: String(refused), ...(refused as object) })).not.toMatch(/4242 ?4242/);
  });
});

describe('paying through Portico with PORTICO_PAYMENT_PROCESSOR=stripe', () => {
  const lines: string[] = [];
  let ctx: TestContext;

  beforeAll(async () => {
    const config = loadConfig({
      PORTICO_DATA_DIR: 'memory://',
      PORTICO_AUTH_RATE_LIMIT: '1000',
      PORTICO_PUBLIC_URL: 'https://portal.example.org',
      PORTICO_PAYMENT_PROCESSOR: 'stripe',
      PORTICO_STRIPE_SECRET_KEY: KEY,
      PORTICO_STRIPE_API_BASE: fake.url,
    });
    const database = TEST_DATABASE_URL
      ? await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 4 })
      : await openPgliteFromTemplate('migrated');
    await migrate(database);
    const logger = loggerOptions('info', { write: (m) => void lines.push(m) });
    const { app, services, compileSerializers } = await buildApp(config, database, logger);
    await app.ready();
    const orgId = await createOrganization(database);
    ctx = {
      app,
      services,
      compileSerializers,
      database,
      config,
      orgId,
      async close() {
        await app.close();
        await database.close();
      },
    };
    await addRuleSet(ctx, orgId, 1, RULES);
  });
  afterAll(async () => ctx?.close());

  const payments = (patientId: string) =>
    ctx.database.db
      .selectFrom('payments')
      .select(['id', 'status', 'processor', 'processor_ref'])
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'asc')
      .execute();

  it('settles only what Stripe confirmed, keyed by the payment id, and logs no card number or key', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const declined = await pay(ctx, v.patient, { amountCents: 2500, number: '4000000000000002' });
    expect(declined.statusCode).toBe(402);
    // Unanswered, so still pending (in flight) until it lapses: the rest of the balance stays payable.
    const down = await pay(ctx, v.patient, { amountCents: 1000, number: '4000000000000119' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'payment_processor_unavailable' });
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);

    const ok = await pay(ctx, v.patient, { amountCents: 1500 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Payment>()).toMatchObject({
      status: 'succeeded',
      cardBrand: 'visa',
      cardLast4: '4242',
      balanceCents: 1000,
    });
    expect(await ledgerSum(ctx, v.patientId)).toBe(1000);
    const rows = await payments(v.patientId);
    expect(rows.map((r) => [r.status, r.processor])).toEqual([
      ['failed', 'stripe'],
      ['pending', 'stripe'],
      ['succeeded', 'stripe'],
    ]);
    const paid = rows[2];
    const sent = fake.to('POST', '/v1/payment_intents').filter((r) => r.headers['idempotency-key'] === paid?.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.form.get('metadata[portico_payment_id]')).toBe(paid?.id);
    expect(sent[0]?.form.get('amount')).toBe('1500');
    expect(paid?.processor_ref).toMatch(/^pi_/);

    fake.override = () => ({
      status: 400,
      body: { error: { type: 'invalid_request_error', message: 'Card 4242424242424242 refused.' } },
    });
    const refused = await pay(ctx, (await billedVisit(ctx, 'video', { cost: 'copay' })).patient, { amountCents: 100 });
    expect(refused.statusCode).toBe(500);
    const log = lines.join('');
    expect(log).toContain('StripeRequestRefused'); // the operator learns why…
    for (const secret of [...CARD_NUMBERS, '4242 4242 4242 4242', KEY]) expect(log).not.toContain(secret); // …and nothing else
  });

  it('a card that needs the bank is paid once Stripe says the bank approved', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const started = await pay(ctx, v.patient, { amountCents: 2500, number: '4000002500003155' });
    const payment = started.json<Payment>();
    expect(payment).toMatchObject({ status: 'requires_action', balanceCents: 2500 });
    const [row] = await payments(v.patientId);
    expect(fake.to('POST', '/v1/payment_intents').at(-1)?.form.get('return_url')).toMatch(
      /^https:\/\/portal\.example\.org\/billing\/pay/,
    );
    fake.bankAnswers(row?.processor_ref ?? '', true);
    const done = await v.patient.inject('POST', `/api/billing/payments/${payment.id}/confirm`, { approved: true });
    expect(done.json<Payment>()).toMatchObject({ status: 'succeeded', balanceCents: 0 });
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
  });
});
