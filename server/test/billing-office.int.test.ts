import type { BillingAccount, BillingSummary, ChargePreview } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, giveCoverage, ledgerSum, pay, RULES } from './billing-fixtures.js';
import {
  createOrganization,
  createTestContext,
  createUser,
  outboxFor,
  signIn,
  uniq,
  type Agent,
  type TestContext,
} from './context.js';
import { createVisit } from './visit-fixtures.js';

let ctx: TestContext;
let office: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  office = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

/** The billing office posts with an Idempotency-Key, as the web app does. */
const post = (agent: Agent, patientId: string, what: string, body: unknown, key = uniq('office-key')) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/billing/accounts/${patientId}/${what}`,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'idempotency-key': key },
    payload: body as Record<string, unknown>,
  });
const account = async (patientId: string) =>
  (await office.inject('GET', `/api/billing/accounts/${patientId}`)).json<BillingAccount>();
const auditActions = async (patientId: string) =>
  (await ctx.database.db.selectFrom('audit_events').select('action').where('patient_id', '=', patientId).execute()).map(
    (r) => r.action,
  );

describe('the billing office records payments taken by phone or mail', () => {
  it('posts a check once per key, never more than owed, and the patient sees it', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const noNumber = await post(office, v.patientId, 'payments', { amountCents: 2500, method: 'check' });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reference' }] });
    const tooMuch = await post(office, v.patientId, 'payments', {
      amountCents: 2501,
      method: 'check',
      reference: '1042',
    });
    expect(tooMuch.json()).toMatchObject({ status: 422, code: 'payment_exceeds_balance', payableCents: 2500 });

    const key = uniq('check');
    const first = await post(
      office,
      v.patientId,
      'payments',
      { amountCents: 2000, method: 'check', reference: '1042' },
      key,
    );
    expect(first.statusCode).toBe(200);
    const again = await post(
      office,
      v.patientId,
      'payments',
      { amountCents: 2000, method: 'check', reference: '1042' },
      key,
    );
    expect(again.statusCode).toBe(200);
    const after = again.json<BillingAccount>();
    expect(after.summary.balanceCents).toBe(500);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({ method: 'check', reference: '1042', refundableCents: 2000 });
    expect(await ledgerSum(ctx, v.patientId)).toBe(500);

    const mine = (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>();
    expect(mine.lines.find((l) => l.type === 'payment')).toMatchObject({
      amountCents: -2000,
      explanation: { rule: 'payment_check', params: { amount: 2000 } },
    });
    expect(await auditActions(v.patientId)).toContain('billing.office_payment');
  });

  it("is 404 for another organization's staff and 403 for a patient", async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const elsewhere = await signIn(
      ctx.app,
      (await createUser(ctx, 'staff', { orgId: await createOrganization(ctx.database) })).email,
    );
    expect((await elsewhere.inject('GET', `/api/billing/accounts/${v.patientId}`)).statusCode).toBe(404);
    const paid = await post(elsewhere, v.patientId, 'payments', { amountCents: 100, method: 'cash' });
    expect(paid.statusCode).toBe(404);
    expect((await v.patient.inject('GET', `/api/billing/accounts/${v.patientId}`)).statusCode).toBe(403);
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
  });
});

describe('refunds and adjustments', () => {
  it('refunds a card payment through the processor, up to what is left of it, once per key', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    expect((await pay(ctx, v.patient, { amountCents: 2500 })).statusCode).toBe(200);
    const paymentId = (await account(v.patientId)).payments[0]?.id;

    const noReason = await post(office, v.patientId, 'refunds', { paymentId, amountCents: 1000, reason: '  ' });
    expect(noReason.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reason' }] });
    const key = uniq('refund');
    const body = { paymentId, amountCents: 1000, reason: 'Co-pay waived by the clinic manager.' };
    expect((await post(office, v.patientId, 'refunds', body, key)).statusCode).toBe(200);
    const retried = await post(office, v.patientId, 'refunds', body, key);
    expect(retried.json<BillingAccount>().payments[0]).toMatchObject({ refundedCents: 1000, refundableCents: 1500 });
    const over = await post(office, v.patientId, 'refunds', { ...body, amountCents: 1501 });
    expect(over.json()).toMatchObject({ status: 422, code: 'refund_exceeds_payment' });
    expect(await ledgerSum(ctx, v.patientId)).toBe(1000);

    const line = (await v.patient.inject('GET', '/api/billing'))
      .json<BillingSummary>()
      .lines.find((l) => l.type === 'refund');
    expect(line).toMatchObject({ amountCents: 1000, explanation: { params: { reason: body.reason } } });
    expect(line?.explanation.text).toContain('to your card');
    expect(await auditActions(v.patientId)).toContain('billing.office_refund');
  });

  it("refuses a refund of someone else's payment", async () => {
    const a = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const b = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    await pay(ctx, a.patient, { amountCents: 2500 });
    const paymentId = (await account(a.patientId)).payments[0]?.id;
    const wrong = await post(office, b.patientId, 'refunds', { paymentId, amountCents: 100, reason: 'Test' });
    expect(wrong.statusCode).toBe(404);
    expect(await ledgerSum(ctx, a.patientId)).toBe(0);
  });

  it('credits never below zero, debits add, and the balance is the sum of the ledger', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const credit = (amountCents: number, key?: string) =>
      post(office, v.patientId, 'adjustments', { direction: 'credit', amountCents, reason: 'Long wait' }, key);
    expect((await credit(2501)).json()).toMatchObject({ code: 'adjustment_exceeds_balance', payableCents: 2500 });
    const key = uniq('credit');
    expect((await credit(1500, key)).statusCode).toBe(200);
    expect((await credit(1500, key)).json<BillingAccount>().summary.balanceCents).toBe(1000);
    const debit = await post(office, v.patientId, 'adjustments', {
      direction: 'debit',
      amountCents: 300,
      reason: 'Credit entered twice by mistake',
    });
    expect(debit.json<BillingAccount>().summary.balanceCents).toBe(1300);
    expect(await ledgerSum(ctx, v.patientId)).toBe(1300);

    const other = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const otherLine = (await other.patient.inject('GET', '/api/billing')).json<BillingSummary>().lines[0]?.id;
    const wrongLine = await post(office, v.patientId, 'adjustments', {
      direction: 'credit',
      amountCents: 100,
      reason: 'x',
      lineId: otherLine,
    });
    expect(wrongLine.statusCode).toBe(404);
    expect(await ledgerSum(ctx, v.patientId)).toBe(1300);
  });
});

describe('what a planned visit will cost', () => {
  it('uses the appointment: a video visit has the co-pay, a phone visit is free', async () => {
    const video = await createVisit(ctx, { startsInMinutes: 60 * 24 });
    await giveCoverage(ctx, video.patientId, { cost: 'copay', copayCents: 3000 });
    const preview = await video.patient.inject('GET', `/api/billing/preview?appointmentId=${video.appointmentId}`);
    expect(preview.json<ChargePreview>()).toMatchObject({ amountCents: 3000, explanation: { rule: 'plan_copay' } });

    const phone = await createVisit(ctx, { startsInMinutes: 60 * 24, mode: 'phone' });
    const free = await phone.patient.inject('GET', `/api/billing/preview?appointmentId=${phone.appointmentId}`);
    expect(free.json<ChargePreview>()).toMatchObject({ amountCents: 0, explanation: { rule: 'outcome_phone_only' } });

    const theirs = await video.patient.inject('GET', `/api/billing/preview?appointmentId=${phone.appointmentId}`);
    expect(theirs.statusCode).toBe(404);
  });
});

describe('payment reminders', () => {
  it('remind once a month, by a message without amounts, and never for a charge under dispute', async () => {
    const owing = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const disputing = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await disputing.patient.inject('GET', '/api/billing')).json<BillingSummary>().lines[0];
    const opened = await disputing.patient.inject('POST', '/api/billing/disputes', {
      lineId: line?.id,
      reason: 'I was told this visit was free.',
    });
    expect(opened.statusCode).toBe(201);
    const emailOf = async (patientId: string) =>
      (
        await ctx.database.db
          .selectFrom('patients')
          .select('email')
          .where('id', '=', patientId)
          .executeTakeFirstOrThrow()
      ).email ?? '';
    const reminders = async (patientId: string) =>
      (await outboxFor(ctx, await emailOf(patientId))).filter((m) => m.subject.includes('bill is waiting'));

    // Not yet: the statement is new.
    await ctx.services.paymentReminders.sendDue(new Date());
    expect(await reminders(owing.patientId)).toHaveLength(0);

    const later = new Date(Date.now() + 22 * 86_400_000);
    await ctx.services.paymentReminders.sendDue(later);
    const sent = await reminders(owing.patientId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).not.toContain('25.00');
    expect(await reminders(disputing.patientId)).toHaveLength(0);

    await ctx.services.paymentReminders.sendDue(new Date(later.getTime() + 86_400_000));
    expect(await reminders(owing.patientId)).toHaveLength(1);
  });
});
