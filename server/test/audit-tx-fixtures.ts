import { sql } from 'kysely';
import { vi } from 'vitest';
import type { AuditEntry } from '../src/modules/audit/service.js';
import type { TestContext } from './context.js';

/**
 * Makes the next audit appends of `action` fail: after the row is written (a crash before the
 * commit), or instead of writing it (the append itself fails). `vi.restoreAllMocks()` ends it;
 * another call replaces it.
 */
export function failAudit(ctx: TestContext, action: string, when: 'after-insert' | 'instead'): void {
  const audit = ctx.services.audit;
  // One failure at a time: a second call replaces the first (spying on the spy would recurse).
  if (vi.isMockFunction(audit.record)) vi.mocked(audit.record).mockRestore();
  const original = audit.record.bind(audit);
  vi.spyOn(audit, 'record').mockImplementation(async (caller, entry: AuditEntry, trx) => {
    if (entry.action !== action) return original(caller, entry, trx);
    if (when === 'instead') throw new Error(`injected: audit append of ${action} failed`);
    await original(caller, entry, trx);
    throw new Error(`injected: crash after the audit row of ${action}`);
  });
  // Rows appended together (a group of visit joins) fail alike when one of them is this action's.
  if (vi.isMockFunction(audit.recordAll)) vi.mocked(audit.recordAll).mockRestore();
  const originalAll = audit.recordAll.bind(audit);
  vi.spyOn(audit, 'recordAll').mockImplementation(async (rows, trx) => {
    if (!rows.some((r) => r.entry.action === action)) return originalAll(rows, trx);
    if (when === 'instead') throw new Error(`injected: audit append of ${action} failed`);
    await originalAll(rows, trx);
    throw new Error(`injected: crash after the audit row of ${action}`);
  });
}

/** Allowed audit rows of `action` about one patient, one entity, or with one `detail` value. */
export async function auditRows(
  ctx: TestContext,
  action: string,
  about: { patientId?: string; entityId?: string; detail?: [key: string, value: string] },
): Promise<number> {
  let q = ctx.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('outcome', '=', 'allowed');
  if (about.patientId) q = q.where('patient_id', '=', about.patientId);
  if (about.entityId) q = q.where('entity_id', '=', about.entityId);
  if (about.detail) q = q.where(sql<string>`detail->>${about.detail[0]}`, '=', about.detail[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
