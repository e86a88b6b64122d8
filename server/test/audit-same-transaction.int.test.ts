import type { BillingSummary, Coverage, Dispute, OpinionRequest, Payment } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../src/modules/audit/service.js';
import { addRuleSet, billedVisit, ledgerSum, pay, RULES } from './billing-fixtures.js';
import { createTestContext, createUser, signIn, uniq, type Agent, type TestContext } from './context.js';
import {
  createRequest,
  ensureDepartment,
  newRequest,
  opinionEnv,
  PDF,
  tusCreate,
  uploadFile,
} from './opinions-fixtures.js';
import { addPlan, shareWith, signedInPatient } from './profile-fixtures.js';
import { labBundle } from './results-fixtures.js';

/**
 * Decision 0027 for the remaining modules: an audited change and its audit row commit together.
 * A failure injected right after the audit row is written (a crash mid-transaction), or in the
 * audit append itself, leaves neither the change nor the row.
 */
let ctx: TestContext;
let staff: Agent;
let clinician: Agent;
let department: string;

beforeAll(async () => {
  // Second-opinion uploads need a file store; the fee rules bill the visits paid and disputed below.
  ctx = await createTestContext(opinionEnv());
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  clinician = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  department = await ensureDepartment(ctx);
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

/** Makes the next audit append of `action` fail: after its row is written, or instead of writing it. */
function failAudit(action: string, when: 'after-insert' | 'instead') {
  const audit = ctx.services.audit;
  const original = audit.record.bind(audit);
  vi.spyOn(audit, 'record').mockImplementation(async (caller, entry: AuditEntry, trx) => {
    if (entry.action !== action) return original(caller, entry, trx);
    if (when === 'instead') throw new Error(`injected: audit append of ${action} failed`);
    await original(caller, entry, trx);
    throw new Error(`injected: crash after the audit row of ${action}`);
  });
}

async function auditRows(action: string, patientId: string): Promise<number> {
  const r = await ctx.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('patient_id', '=', patientId)
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('audit rows in the same transaction as the change', () => {
  it('proxy grants: a crash after the audit row keeps neither the grant nor the row; then it works', async () => {
    const owner = await signedInPatient(ctx);
    const proxy = await signedInPatient(ctx);
    const grants = () =>
      ctx.database.db.selectFrom('proxy_grants').select('id').where('patient_id', '=', owner.id).execute();

    failAudit('proxy.grant', 'after-insert');
    const failed = await owner.agent.inject('POST', '/api/proxies', {
      email: proxy.user.email,
      relationship: 'child',
      access: 'full',
    });
    expect(failed.statusCode).toBe(500);
    expect(await grants()).toEqual([]);
    expect(await auditRows('proxy.grant', owner.id)).toBe(0);

    vi.restoreAllMocks();
    await shareWith(owner, proxy, 'full');
    expect(await grants()).toHaveLength(1);
    expect(await auditRows('proxy.grant', owner.id)).toBe(1);
  });

  it('insurance coverage: a failed audit append keeps no coverage; a crash after it keeps no change', async () => {
    const p = await signedInPatient(ctx);
    const plan = await addPlan(staff);
    const body = { planId: plan.id, priority: 1, memberId: 'AUD-1001', groupNumber: 'G-1' };
    const coverages = () =>
      ctx.database.db.selectFrom('coverages').select(['id', 'member_id']).where('patient_id', '=', p.id).execute();

    failAudit('coverage.create', 'instead');
    expect((await p.agent.inject('POST', '/api/profile/coverages', body)).statusCode).toBe(500);
    expect(await coverages()).toEqual([]);
    expect(await auditRows('coverage.create', p.id)).toBe(0);
    vi.restoreAllMocks();

    const added = await p.agent.inject('POST', '/api/profile/coverages', body);
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json<Coverage>().id;
    const stored = (await coverages())[0]?.member_id;

    failAudit('coverage.update', 'after-insert');
    expect((await p.agent.inject('PATCH', `/api/coverages/${id}`, { memberId: 'AUD-2002' })).statusCode).toBe(500);
    expect((await coverages())[0]?.member_id).toBe(stored);
    expect(await auditRows('coverage.update', p.id)).toBe(0);
    vi.restoreAllMocks();
    const listed = await p.agent.inject('GET', '/api/profile/coverages');
    expect(listed.json<{ coverages: Coverage[] }>().coverages[0]?.memberId).toBe('AUD-1001');
  });
});

describe('audit rows in the same transaction: results, billing, second opinions', () => {
  it('results import: a crash after the audit row keeps no report; then the bundle imports once', async () => {
    const p = await signedInPatient(ctx);
    const reports = () =>
      ctx.database.db.selectFrom('diagnostic_reports').select('id').where('patient_id', '=', p.id).execute();
    const importBundle = () => clinician.inject('POST', `/api/patients/${p.id}/results/fhir`, labBundle(p.id, 'aud'));

    failAudit('result.import', 'after-insert');
    expect((await importBundle()).statusCode).toBe(500);
    expect(await reports()).toEqual([]);
    expect(await auditRows('result.import', p.id)).toBe(0);
    vi.restoreAllMocks();

    const imported = await importBundle();
    expect(imported.statusCode, imported.body).toBe(201);
    expect(await reports()).toHaveLength(2);
    expect(await auditRows('result.import', p.id)).toBe(1);
  });

  it('a card payment: a crash after its audit row posts nothing to the ledger; the retry pays once', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const key = uniq('aud-pay');
    const payments = () =>
      ctx.database.db.selectFrom('payments').select('status').where('patient_id', '=', v.patientId).execute();

    failAudit('billing.pay', 'after-insert');
    expect((await pay(ctx, v.patient, { amountCents: 2500 }, key)).statusCode).toBe(500);
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
    expect((await payments()).map((r) => r.status)).toEqual(['pending']);
    expect(await auditRows('billing.pay', v.patientId)).toBe(0);
    vi.restoreAllMocks();

    const paid = await pay(ctx, v.patient, { amountCents: 2500 }, key);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json<Payment>()).toMatchObject({ status: 'succeeded', balanceCents: 0 });
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
    expect(await auditRows('billing.pay', v.patientId)).toBe(1);
  });

  it('a declined card: a failed audit append leaves the payment unmarked; the decline is then recorded', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const key = uniq('aud-decline');
    const declined = () => pay(ctx, v.patient, { amountCents: 2500, number: '4000 0000 0000 0002' }, key);
    const statuses = async () =>
      (
        await ctx.database.db.selectFrom('payments').select('status').where('patient_id', '=', v.patientId).execute()
      ).map((r) => r.status);

    failAudit('billing.pay', 'instead');
    expect((await declined()).statusCode).toBe(500);
    expect(await statuses()).toEqual(['pending']);
    vi.restoreAllMocks();

    expect((await declined()).statusCode).toBe(402);
    expect(await statuses()).toEqual(['failed']);
  });

  it('a dispute: a crash after the audit row keeps no dispute, and an answer that fails to audit adjusts nothing', async () => {
    const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
    const bill = async () => (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>();
    const lineId = (await bill()).lines[0]?.id;
    const disputes = () =>
      ctx.database.db.selectFrom('billing_disputes').select('status').where('patient_id', '=', v.patientId).execute();
    const open = () => v.patient.inject('POST', '/api/billing/disputes', { lineId, reason: 'Video visits are free.' });

    failAudit('billing.dispute_open', 'after-insert');
    expect((await open()).statusCode).toBe(500);
    expect(await disputes()).toEqual([]);
    expect(await auditRows('billing.dispute_open', v.patientId)).toBe(0);
    vi.restoreAllMocks();
    const opened = await open();
    expect(opened.statusCode, opened.body).toBe(201);
    expect(await auditRows('billing.dispute_open', v.patientId)).toBe(1);

    const resolve = () =>
      staff.inject('POST', `/api/billing/disputes/${opened.json<Dispute>().id}/resolve`, {
        resolution: 'adjusted',
        response: 'We took the fee off.',
        adjustmentCents: 2500,
      });
    failAudit('billing.dispute_resolve', 'instead');
    expect((await resolve()).statusCode).toBe(500);
    expect((await disputes()).map((d) => d.status)).toEqual(['open']);
    expect(await ledgerSum(ctx, v.patientId)).toBe(2500);
    vi.restoreAllMocks();
    expect((await resolve()).statusCode).toBe(200);
    expect(await ledgerSum(ctx, v.patientId)).toBe(0);
  });

  it('a second-opinion request: a crash after the audit row keeps no request; then it is created', async () => {
    const p = await signedInPatient(ctx);
    const requests = () =>
      ctx.database.db.selectFrom('second_opinion_requests').select('id').where('patient_id', '=', p.id).execute();

    failAudit('opinion.create', 'after-insert');
    expect((await p.agent.inject('POST', '/api/second-opinions', newRequest(department))).statusCode).toBe(500);
    expect(await requests()).toEqual([]);
    expect(await auditRows('opinion.create', p.id)).toBe(0);
    vi.restoreAllMocks();

    await createRequest(p.agent, department);
    expect(await requests()).toHaveLength(1);
    expect(await auditRows('opinion.create', p.id)).toBe(1);
  });

  it('a second-opinion upload: no upload without its audit row, and no document when its audit row fails', async () => {
    const p = await signedInPatient(ctx);
    const request = await createRequest(p.agent, department);
    const documents = () =>
      ctx.database.db.selectFrom('document_references').select('id').where('request_id', '=', request.id).execute();
    const uploads = () =>
      ctx.database.db.selectFrom('file_uploads').select('id').where('request_id', '=', request.id).execute();
    const who = { agent: p.agent };
    const file = PDF('AUDIT-TX');

    failAudit('opinion.upload_start', 'instead');
    expect((await tusCreate(ctx, who, request.id, file.length, { filename: 'a.pdf' })).statusCode).toBe(500);
    expect(await uploads()).toEqual([]);
    vi.restoreAllMocks();

    failAudit('opinion.document_add', 'after-insert');
    expect((await uploadFile(ctx, who, request.id, file, { filename: 'referral.pdf' })).statusCode).toBe(500);
    expect(await documents()).toEqual([]);
    expect(await auditRows('opinion.document_add', p.id)).toBe(0);
    vi.restoreAllMocks();

    const done = await uploadFile(ctx, who, request.id, file, { filename: 'referral.pdf' });
    expect(done.statusCode, done.body).toBe(204);
    expect(await documents()).toHaveLength(1);
    expect(await auditRows('opinion.document_add', p.id)).toBe(1);
    const view = (await p.agent.inject('GET', `/api/second-opinions/${request.id}`)).json<OpinionRequest>();
    expect(view.documents.map((d) => d.filename)).toEqual(['referral.pdf']);
  });
});
