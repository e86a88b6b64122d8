import type { Coverage } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../src/modules/audit/service.js';
import { createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';
import { addPlan, shareWith, signedInPatient } from './profile-fixtures.js';

/**
 * Decision 0027 for the remaining modules: an audited change and its audit row commit together.
 * A failure injected right after the audit row is written (a crash mid-transaction), or in the
 * audit append itself, leaves neither the change nor the row.
 */
let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
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
