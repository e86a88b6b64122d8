import type { BillingSummary, Payment } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, loadPdfReader, pay, pdfText, RULES } from './billing-fixtures.js';
import { createTestContext, createUser, outboxFor, signIn, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  await loadPdfReader();
});
afterAll(async () => ctx?.close());

const emailOf = async (patientId: string) =>
  (await ctx.database.db.selectFrom('patients').select('email').where('id', '=', patientId).executeTakeFirstOrThrow())
    .email ?? '';

describe('statements and receipts', () => {
  it('a charged visit issues a statement: the email says only that it exists, the PDF says what and why', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const bill = (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>();
    expect(bill.statements).toHaveLength(1);
    const statement = bill.statements[0];
    expect(statement).toMatchObject({ balanceCents: 2500 });
    const mail = await outboxFor(ctx, await emailOf(v.patientId));
    const notice = mail.find((m) => m.subject === 'You have a new statement in Portico');
    expect(notice?.text).not.toMatch(/\$|co-pay|visit with/i);

    const res = await v.patient.inject('GET', `/api/billing/statements/${statement?.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`statement-${statement?.number}.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain("Your plan's virtual visit co-pay (Choice PPO): $25.00.");
    expect(text).toContain('HSA/FSA eligible');
    expect(text).toContain('Amount due: $25.00');
    expect(text).toContain('By phone: call the billing office at');
    expect(text).toContain('personal check');
  });

  it("a phone-only visit issues no statement, and someone else's statement is a 404", async () => {
    const phone = await billedVisit(ctx, 'phone', { cost: 'copay' });
    expect((await phone.patient.inject('GET', '/api/billing')).json<BillingSummary>().statements).toEqual([]);
    const v = await billedVisit(ctx, 'video', { cost: 'copay' });
    const id = (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>().statements[0]?.id;
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await stranger.inject('GET', `/api/billing/statements/${id}/pdf`)).statusCode).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'billing.statement_download')
      .where('entity_id', '=', id ?? '')
      .execute();
    expect(denied.map((d) => d.outcome)).toEqual(['denied']);
  });

  it('a payment has a downloadable receipt; a failed one has none', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 4000 });
    const failed = (await pay(ctx, v.patient, { amountCents: 4000, number: '4000002500003155' })).json<Payment>();
    await v.patient.inject('POST', `/api/billing/payments/${failed.id}/confirm`, { approved: false });
    expect((await v.patient.inject('GET', `/api/billing/payments/${failed.id}/receipt`)).statusCode).toBe(404);
    const paid = (await pay(ctx, v.patient, { amountCents: 4000 })).json<Payment>();
    const receipt = await v.patient.inject('GET', `/api/billing/payments/${paid.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    const text = await pdfText(receipt.rawPayload);
    expect(text).toContain('Payment received by card (visa ending 4242). Thank you.');
    expect(text).toContain('Balance after this payment: $0.00');
    const line = (await v.patient.inject('GET', '/api/billing'))
      .json<BillingSummary>()
      .lines.find((l) => l.type === 'payment');
    expect(line).toMatchObject({ paymentId: paid.id, amountCents: -4000 });
  });
});
