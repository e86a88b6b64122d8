import type { BillingSummary, DepositPayment, EpisodeCharge, Estimate } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, RULES } from './billing-fixtures.js';
import { createTestContext, createUser, signIn, uniq, type Agent, type TestContext } from './context.js';

let ctx: TestContext;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

const LINES = [
  { description: 'Cardiology consultation', quantity: 1, unitCents: 45_000 },
  { description: 'Echocardiogram', quantity: 2, unitCents: 123_456 },
  { description: 'Lab panel', quantity: 3, unitCents: 3_333 },
];
const TOTAL = 45_000 + 2 * 123_456 + 3 * 3_333; // 301_911

async function patient(): Promise<{ agent: Agent; patientId: string }> {
  const u = await createUser(ctx, 'patient');
  return { agent: await signIn(ctx.app, u.email), patientId: u.patientId ?? '' };
}

async function estimate(patientId: string, extra: Record<string, unknown> = {}): Promise<Estimate> {
  const res = await staff.inject('POST', '/api/international/estimates', {
    patientId,
    title: 'Cardiac evaluation',
    lines: LINES,
    referenceCurrency: 'BRL',
    exchangeRate: '5.4321',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json<Estimate>();
}

const pay = (agent: Agent, estimateId: string, amountCents: number, key: string, number = '4242 4242 4242 4242') =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/international/estimates/${estimateId}/deposit/payments`,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'idempotency-key': key },
    payload: { amountCents, card: { number, expiry: '12/34', cvc: '123', name: 'Maria Souza' } },
  });
const staffPost = (url: string, body: unknown, key = uniq('settle')) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'idempotency-key': key },
    payload: body as Record<string, unknown>,
  });

async function accepted(agent: Agent, patientId: string, deposit: number, extra: Record<string, unknown> = {}) {
  const e = await estimate(patientId, extra);
  expect(
    (await agent.inject('POST', `/api/international/estimates/${e.id}/answer`, { answer: 'accept' })).statusCode,
  ).toBe(200);
  const req = await staff.inject('POST', `/api/international/estimates/${e.id}/deposit`, { amountCents: deposit });
  expect(req.statusCode).toBe(200);
  return e;
}

describe('pre-care estimates', () => {
  it('totals the lines exactly in cents on the server and shows the reference currency', async () => {
    const { agent, patientId } = await patient();
    const e = await estimate(patientId);
    expect(e.totalCents).toBe(TOTAL);
    expect(e.lines.map((l) => l.lineCents)).toEqual([45_000, 246_912, 9_999]);
    expect(e.exchangeRate).toBe('5.4321');
    // 3019.11 USD × 5.4321 = 16400.107431 BRL, rounded to the cent
    expect(e.referenceAmount).toBe('16400.11');
    const mine = (await agent.inject('GET', '/api/international/estimates')).json<Estimate[]>();
    expect(mine).toMatchObject([{ id: e.id, totalCents: TOTAL, referenceCurrency: 'BRL', status: 'offered' }]);

    const badRate = await staff.inject('POST', '/api/international/estimates', {
      patientId,
      title: 'x',
      lines: LINES,
      referenceCurrency: 'BRL',
      exchangeRate: '5,43',
    });
    expect(badRate.json()).toMatchObject({ code: 'exchange_rate_invalid' });
    const other = await patient();
    expect(
      (await other.agent.inject('POST', `/api/international/estimates/${e.id}/answer`, { answer: 'accept' }))
        .statusCode,
    ).toBe(404);
  });

  it('the patient asks a question or accepts; a deposit needs acceptance and is at most the total', async () => {
    const { agent, patientId } = await patient();
    const e = await estimate(patientId);
    const early = await staff.inject('POST', `/api/international/estimates/${e.id}/deposit`, { amountCents: 1000 });
    expect(early.json()).toMatchObject({ code: 'deposit_not_allowed' });
    const q = await agent.inject('POST', `/api/international/estimates/${e.id}/answer`, {
      answer: 'question',
      question: 'Does this include the hotel?',
    });
    expect(q.json<Estimate>()).toMatchObject({ status: 'question', patientQuestion: 'Does this include the hotel?' });
    const ok = await agent.inject('POST', `/api/international/estimates/${e.id}/answer`, { answer: 'accept' });
    expect(ok.json<Estimate>().status).toBe('accepted');
    const over = await staff.inject('POST', `/api/international/estimates/${e.id}/deposit`, { amountCents: TOTAL + 1 });
    expect(over.json()).toMatchObject({ status: 422, code: 'deposit_exceeds_request' });
    const dep = await staff.inject('POST', `/api/international/estimates/${e.id}/deposit`, { amountCents: 100_000 });
    expect(dep.json<Estimate>().deposit).toMatchObject({
      requestedCents: 100_000,
      payableCents: 100_000,
      heldCents: 0,
    });
    const actions = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', patientId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'international.estimate_create',
        'international.estimate_accept',
        'international.deposit_request',
      ]),
    );
  });
});

describe('deposits', () => {
  it('pays once per key, never more than requested, and a declined card holds nothing', async () => {
    const { agent, patientId } = await patient();
    const e = await accepted(agent, patientId, 100_000);
    const over = await pay(agent, e.id, 100_001, uniq('k'));
    expect(over.json()).toMatchObject({ status: 422, code: 'deposit_exceeds_request' });

    const declined = await pay(agent, e.id, 100_000, uniq('k'), '4000 0000 0000 0002');
    expect(declined.json()).toMatchObject({ status: 402, code: 'card_declined' });
    const afterDecline = (await agent.inject('GET', '/api/international/estimates')).json<Estimate[]>()[0];
    expect(afterDecline?.deposit).toMatchObject({ paidCents: 0, heldCents: 0, payableCents: 100_000 });

    const key = uniq('k');
    const [a, b] = await Promise.all([pay(agent, e.id, 60_000, key), pay(agent, e.id, 60_000, key)]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json<DepositPayment>().id).toBe(b.json<DepositPayment>().id);
    const again = await pay(agent, e.id, 60_000, key);
    expect(again.json<DepositPayment>().estimate.deposit).toMatchObject({
      paidCents: 60_000,
      heldCents: 60_000,
      payableCents: 40_000,
    });
    const reused = await pay(agent, e.id, 1_000, key);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const rest = await pay(agent, e.id, 40_001, uniq('k'));
    expect(rest.json()).toMatchObject({ code: 'deposit_exceeds_request' });
    const rows = await ctx.database.db
      .selectFrom('care_deposit_payments')
      .select(['status'])
      .where('patient_id', '=', patientId)
      .execute();
    expect(rows.filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('is not part of the visit balance and is applied only to charges of its own episode', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const balance = async () => (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>().balanceCents;
    expect(await balance()).toBe(2500);

    const unrelated = await accepted(v.patient, v.patientId, 5_000);
    const episode = await accepted(v.patient, v.patientId, 5_000, { appointmentIds: [v.appointmentId] });
    expect((await pay(v.patient, unrelated.id, 5_000, uniq('k'))).statusCode).toBe(200);
    expect((await pay(v.patient, episode.id, 5_000, uniq('k'))).statusCode).toBe(200);
    expect(await balance()).toBe(2500);

    const charge = (await staff.inject('GET', `/api/international/estimates/${episode.id}/charges`)).json<
      EpisodeCharge[]
    >()[0];
    expect(charge).toMatchObject({ appointmentId: v.appointmentId, owedCents: 2500 });
    expect((await staff.inject('GET', `/api/international/estimates/${unrelated.id}/charges`)).json()).toEqual([]);
    const outside = await staffPost(`/api/international/estimates/${unrelated.id}/deposit/apply`, {
      chargeEntryId: charge?.entryId,
      amountCents: 2500,
    });
    expect(outside.json()).toMatchObject({ status: 422, code: 'deposit_charge_outside_episode' });
    expect(await balance()).toBe(2500);

    const tooMuch = await staffPost(`/api/international/estimates/${episode.id}/deposit/apply`, {
      chargeEntryId: charge?.entryId,
      amountCents: 2501,
    });
    expect(tooMuch.statusCode).toBe(422);
    const key = uniq('apply');
    const applied = await staffPost(
      `/api/international/estimates/${episode.id}/deposit/apply`,
      { chargeEntryId: charge?.entryId, amountCents: 2500 },
      key,
    );
    expect(applied.json<Estimate>().deposit).toMatchObject({ appliedCents: 2500, heldCents: 2500 });
    const retried = await staffPost(
      `/api/international/estimates/${episode.id}/deposit/apply`,
      { chargeEntryId: charge?.entryId, amountCents: 2500 },
      key,
    );
    expect(retried.json<Estimate>().deposit).toMatchObject({ appliedCents: 2500 });
    expect(await balance()).toBe(0);

    const refundTooMuch = await staffPost(`/api/international/estimates/${episode.id}/deposit/refund`, {
      amountCents: 2501,
      reason: 'Rest of deposit',
    });
    expect(refundTooMuch.json()).toMatchObject({ code: 'deposit_exceeds_held' });
    const refunded = await staffPost(`/api/international/estimates/${episode.id}/deposit/refund`, {
      amountCents: 2500,
      reason: 'Rest of deposit',
    });
    expect(refunded.json<Estimate>().deposit).toMatchObject({ refundedCents: 2500, heldCents: 0 });
    expect(await balance()).toBe(0);
    const actions = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', v.patientId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'international.deposit_pay',
        'international.deposit_apply',
        'international.deposit_refund',
      ]),
    );
  });
});
