import type { BillingSummary, Dispute, DisputeQueue, Payment } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, ledgerSum, pay, RULES } from './billing-fixtures.js';
import {
  createOrganization,
  createTestContext,
  createUser,
  outboxFor,
  signIn,
  type Agent,
  type TestContext,
} from './context.js';

let ctx: TestContext;
let office: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  office = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

const bill = async (agent: Agent) => (await agent.inject('GET', '/api/billing')).json<BillingSummary>();

describe('"I think this bill is in error"', () => {
  it('the patient disputes a charge once; the billing office of that organization sees it, others do not', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await bill(v.patient)).lines[0];
    const opened = await v.patient.inject('POST', '/api/billing/disputes', {
      lineId: line?.id,
      reason: 'My plan says video visits are free this year.',
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json<Dispute>()).toMatchObject({ status: 'open', resolution: null });
    const again = await v.patient.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: 'Again' });
    expect(again.json()).toMatchObject({ status: 409, code: 'dispute_already_open' });
    expect((await bill(v.patient)).lines[0]?.dispute).toMatchObject({ status: 'open' });

    const queue = (await office.inject('GET', '/api/billing/disputes')).json<DisputeQueue>();
    expect(queue.disputes.find((d) => d.lineId === line?.id)).toMatchObject({
      amountCents: 2500,
      reason: 'My plan says video visits are free this year.',
    });
    const elsewhere = await signIn(
      ctx.app,
      (await createUser(ctx, 'staff', { orgId: await createOrganization(ctx.database) })).email,
    );
    const theirs = (await elsewhere.inject('GET', '/api/billing/disputes')).json<DisputeQueue>();
    expect(theirs.disputes.map((d) => d.lineId)).not.toContain(line?.id);
    const id = opened.json<Dispute>().id;
    expect(
      (await elsewhere.inject('POST', `/api/billing/disputes/${id}/resolve`, { resolution: 'upheld', response: 'No' }))
        .statusCode,
    ).toBe(404);
    expect((await v.patient.inject('GET', '/api/billing/disputes')).statusCode).toBe(403);
  });

  it("refuses a dispute of someone else's line, of a payment, and an empty reason; nothing is stored", async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await bill(v.patient)).lines[0];
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect(
      (await stranger.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: 'Not mine' })).statusCode,
    ).toBe(404);
    expect(
      (await v.patient.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: '   ' })).statusCode,
    ).toBe(400);
    const paid = (await pay(ctx, v.patient, { amountCents: 1000 })).json<Payment>();
    const paymentLine = (await bill(v.patient)).lines.find((l) => l.paymentId === paid.id);
    const refused = await v.patient.inject('POST', '/api/billing/disputes', {
      lineId: paymentLine?.id,
      reason: 'Why?',
    });
    expect(refused.json()).toMatchObject({ status: 422, code: 'dispute_not_allowed' });
    const rows = await ctx.database.db
      .selectFrom('billing_disputes')
      .select('id')
      .where('patient_id', '=', v.patientId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('an adjustment is a new ledger entry, capped at what is left of the charge; the patient is told and sees the answer', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await bill(v.patient)).lines[0];
    const id = (
      await v.patient.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: 'Billed twice?' })
    ).json<Dispute>().id;
    const tooMuch = await office.inject('POST', `/api/billing/disputes/${id}/resolve`, {
      resolution: 'adjusted',
      response: 'Refunding',
      adjustmentCents: 2600,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ errors: [{ field: 'adjustmentCents' }] });
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);

    const done = await office.inject('POST', `/api/billing/disputes/${id}/resolve`, {
      resolution: 'adjusted',
      response: 'You are right: this visit is covered in full. We took the co-pay off.',
      adjustmentCents: 2500,
    });
    expect(done.json<Dispute>()).toMatchObject({ status: 'resolved', resolution: 'adjusted' });
    const after = await bill(v.patient);
    expect(after.balanceCents).toBe(0);
    expect(after.lines.find((l) => l.type === 'adjustment')).toMatchObject({ amountCents: -2500 });
    expect(after.lines.find((l) => l.id === line?.id)?.dispute).toMatchObject({
      response: 'You are right: this visit is covered in full. We took the co-pay off.',
    });
    const email = (
      await ctx.database.db
        .selectFrom('patients')
        .select('email')
        .where('id', '=', v.patientId)
        .executeTakeFirstOrThrow()
    ).email;
    const mail = await outboxFor(ctx, email ?? '');
    expect(mail.map((m) => m.subject)).toContain('There is an update about your bill in Portico');
    const twice = await office.inject('POST', `/api/billing/disputes/${id}/resolve`, {
      resolution: 'upheld',
      response: 'x',
    });
    expect(twice.json()).toMatchObject({ status: 409, code: 'dispute_resolved' });
  });

  it('two answers at once adjust the charge once', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await bill(v.patient)).lines[0];
    const id = (
      await v.patient.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: 'Twice?' })
    ).json<Dispute>().id;
    const second = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const body = { resolution: 'adjusted', response: 'Taken off.', adjustmentCents: 2500 };
    const answers = await Promise.all([
      office.inject('POST', `/api/billing/disputes/${id}/resolve`, body),
      second.inject('POST', `/api/billing/disputes/${id}/resolve`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
  });

  it('an upheld charge stays as it was', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const line = (await bill(v.patient)).lines[0];
    const id = (
      await v.patient.inject('POST', '/api/billing/disputes', { lineId: line?.id, reason: 'Too much' })
    ).json<Dispute>().id;
    const noAmount = await office.inject('POST', `/api/billing/disputes/${id}/resolve`, {
      resolution: 'adjusted',
      response: 'ok',
    });
    expect(noAmount.statusCode).toBe(400);
    const upheld = await office.inject('POST', `/api/billing/disputes/${id}/resolve`, {
      resolution: 'upheld',
      response: 'Your plan sets a $25 co-pay for video visits.',
    });
    expect(upheld.json<Dispute>()).toMatchObject({ resolution: 'upheld' });
    expect((await bill(v.patient)).balanceCents).toBe(2500);
  });
});
