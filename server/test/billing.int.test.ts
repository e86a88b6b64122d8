import type { BillingSummary, Payment } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, finishVisit, giveCoverage, ledgerSum, pay, RULES } from './billing-fixtures.js';
import {
  createOrganization,
  createTestContext,
  createUser,
  outboxFor,
  signIn,
  uniq,
  type TestContext,
} from './context.js';
import { createVisit } from './visit-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
});
afterAll(async () => ctx?.close());

const summary = async (v: { patient: { inject: (m: 'GET', u: string) => Promise<{ json<T>(): T }> } }) =>
  (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>();

describe('charges follow the visit outcome, coverage and rules', () => {
  it('a visit finished by video charges the plan co-pay, explained and HSA/FSA eligible', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const bill = await summary(v);
    expect(bill.balanceCents).toBe(2500);
    expect(bill.lines).toHaveLength(1);
    expect(bill.lines[0]).toMatchObject({
      type: 'charge',
      amountCents: 2500,
      hsaFsaEligible: true,
      explanation: { rule: 'plan_copay', text: "Your plan's virtual visit co-pay (Choice PPO): $25.00." },
      visit: { appointmentId: v.appointmentId, outcome: 'completed_video' },
    });
    expect(bill.lines[0]?.visit?.clinicianName).not.toBe('');
  });

  it('a visit finished by phone without video is $0 with the phone explanation', async () => {
    const v = await billedVisit(ctx, 'phone', { cost: 'copay', copayCents: 2500 });
    const bill = await summary(v);
    expect(bill.balanceCents).toBe(0);
    expect(bill.lines[0]).toMatchObject({
      amountCents: 0,
      hsaFsaEligible: false,
      explanation: { rule: 'outcome_phone_only', text: 'No charge: the visit was completed by phone without video.' },
    });
  });

  it('charges each visit once however often the engine runs', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'not_covered' });
    const enc = await ctx.database.db
      .selectFrom('encounters')
      .select('id')
      .where('appointment_id', '=', v.appointmentId)
      .executeTakeFirstOrThrow();
    expect(await ctx.services.billing.chargeVisit(enc.id)).toBeNull();
    await ctx.services.billing.visitEnded(enc.id);
    await ctx.services.jobs.runDue('again');
    expect((await summary(v)).lines).toHaveLength(1);
    expect(await ledgerSum(ctx, v.patientId)).toBe(4900);
  });

  it('a rule change applies to later visits and never alters charges already made', async () => {
    const orgId = await createOrganization(ctx.database);
    await addRuleSet(ctx, orgId, 1, RULES);
    const first = await createVisit(ctx, { orgId, startsInMinutes: -5 });
    await giveCoverage(ctx, first.patientId, { cost: 'not_covered' });
    await finishVisit(ctx, first, 'video');
    await addRuleSet(ctx, orgId, 2, { ...RULES, telehealthFeeCents: 5900 }, new Date());
    const second = await createVisit(ctx, { orgId, startsInMinutes: -5 });
    await giveCoverage(ctx, second.patientId, { cost: 'not_covered' });
    await finishVisit(ctx, second, 'video');
    expect((await summary(first)).lines[0]?.amountCents).toBe(4900);
    expect((await summary(second)).lines[0]).toMatchObject({
      amountCents: 5900,
      explanation: { rule: 'not_covered_telehealth_fee', params: { ruleVersion: 2 } },
    });
  });

  it('keeps the ledger append-only in the database itself', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay' });
    await expect(
      ctx.database.db
        .updateTable('ledger_entries')
        .set({ explanation: 'x' })
        .where('patient_id', '=', v.patientId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.database.db.deleteFrom('ledger_entries').where('patient_id', '=', v.patientId).execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('paying online with the test processor', () => {
  it('pays the balance to zero and emails a receipt', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 4000 });
    const res = await pay(ctx, v.patient, { amountCents: 4000 });
    expect(res.statusCode).toBe(200);
    expect(res.json<Payment>()).toMatchObject({
      status: 'succeeded',
      cardBrand: 'visa',
      cardLast4: '4242',
      balanceCents: 0,
    });
    expect((await summary(v)).balanceCents).toBe(0);
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
    const email = (await createUser(ctx, 'patient')).email; // unrelated patient gets nothing
    expect(await outboxFor(ctx, email)).toEqual([]);
    const patientEmail = await ctx.database.db
      .selectFrom('patients')
      .select('email')
      .where('id', '=', v.patientId)
      .executeTakeFirstOrThrow();
    const mail = await outboxFor(ctx, patientEmail.email ?? '');
    const receipt = mail.find((m) => m.subject === 'Your Portico payment receipt');
    expect(receipt?.text).toContain('We received your payment of $40.00.');
    expect(receipt?.text).toMatch(/https?:\/\/[^\s]+\/billing\n/);
  });

  it('a double-submitted payment charges once', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const key = uniq('double-click');
    const [a, b] = await Promise.all([
      pay(ctx, v.patient, { amountCents: 2500 }, key),
      pay(ctx, v.patient, { amountCents: 2500 }, key),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json<Payment>().id).toBe(b.json<Payment>().id);
    const payments = await ctx.database.db
      .selectFrom('payments')
      .select('id')
      .where('patient_id', '=', v.patientId)
      .execute();
    expect(payments).toHaveLength(1);
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
    // The same key for a different amount is refused.
    expect((await pay(ctx, v.patient, { amountCents: 100 }, key)).json()).toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('refuses amounts over the balance, zero, negative and fractional amounts, and payment with nothing owed', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const over = await pay(ctx, v.patient, { amountCents: 2501 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'payment_exceeds_balance', payableCents: 2500 });
    for (const amountCents of [0, -100, 12.5]) {
      const bad = await pay(ctx, v.patient, { amountCents });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await pay(ctx, v.patient, { amountCents: 2500 }, null)).json()).toMatchObject({
      code: 'idempotency_key_required',
    });
    const nobody = await createUser(ctx, 'patient');
    const noBill = await pay(ctx, await signIn(ctx.app, nobody.email), { amountCents: 100 });
    expect(noBill.statusCode).toBe(422);
    expect(noBill.json<{ detail: string }>().detail).toMatch(/nothing to pay/i);
    const rows = await ctx.database.db
      .selectFrom('payments')
      .select('id')
      .where('patient_id', 'in', [v.patientId, nobody.patientId ?? ''])
      .execute();
    expect(rows).toEqual([]);
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
  });

  it('a declined card and a processor that does not answer record nothing as paid', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const declined = await pay(ctx, v.patient, { amountCents: 2500, number: '4000000000000002' });
    expect(declined.statusCode).toBe(402);
    expect(declined.json()).toMatchObject({ code: 'card_declined' });
    const broke = await pay(ctx, v.patient, { amountCents: 2500, number: '4000000000009995' });
    expect(broke.json<{ detail: string }>().detail).toMatch(/insufficient funds/);
    const timeout = await pay(ctx, v.patient, { amountCents: 1000, number: '4000000000000119' });
    expect(timeout.statusCode).toBe(503);
    expect(timeout.json()).toMatchObject({ code: 'payment_processor_unavailable' });
    const typo = await pay(ctx, v.patient, { amountCents: 2500, number: '4242424242424241' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ errors: [{ field: 'card.number' }] });
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
    const statuses = await ctx.database.db
      .selectFrom('payments')
      .select('status')
      .where('patient_id', '=', v.patientId)
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['failed', 'failed', 'pending']);
  });

  it('a card that needs the bank to confirm is paid only after confirmation; others cannot touch it', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const started = await pay(ctx, v.patient, { amountCents: 2500, number: '4000002500003155' });
    const payment = started.json<Payment>();
    expect(payment).toMatchObject({ status: 'requires_action', balanceCents: 2500 });
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect(
      (await stranger.inject('POST', `/api/billing/payments/${payment.id}/confirm`, { approved: true })).statusCode,
    ).toBe(404);
    const done = await v.patient.inject('POST', `/api/billing/payments/${payment.id}/confirm`, { approved: true });
    expect(done.json<Payment>()).toMatchObject({ status: 'succeeded', balanceCents: 0 });
  });

  it("keeps someone else's bill private and a proxy without billing access out", async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const other = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    const theirs = (await other.inject('GET', '/api/billing')).json<BillingSummary>();
    expect(theirs.patientId).not.toBe(v.patientId);
    expect(theirs.lines).toEqual([]);
    const limitedUser = await createUser(ctx, 'patient');
    const share = await v.patient.inject('POST', '/api/proxies', {
      email: limitedUser.email,
      relationship: 'child',
      access: 'limited',
      areas: ['appointments'],
    });
    expect(share.statusCode).toBe(201);
    const limited = await signIn(ctx.app, limitedUser.email);
    await limited.inject('PUT', '/api/records/current', { patientId: v.patientId });
    const refused = await limited.inject('GET', '/api/billing');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
    expect((await pay(ctx, limited, { amountCents: 2500 })).statusCode).toBe(403);
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
  });
});
