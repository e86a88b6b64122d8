import { looksLikeMrn, parseMrn, type AuditEvent, type AuditList, type AuditQuery } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validation } from '../../lib/errors.js';
import type { Caller } from '../../lib/caller.js';
import type { AuditFilter, AuditRepository, AuditRow, NewAuditEvent } from './repository.js';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  outcome: AuditOutcome;
  /** Non-identifying facts only (counts, reasons). Never names, dates of birth or free text. */
  detail?: Record<string, string | number | boolean>;
}

/** Records who touched what, for whom, from where, and whether it was allowed. */
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /**
   * Appends an audit row. Pass the action's transaction as `trx` for anything that changes
   * patient data, so the row and the change commit together or not at all (a crash can no longer
   * leave a change without its row); reads and refusals, which change nothing, may go without.
   */
  async record(caller: Caller, entry: AuditEntry, trx?: Kysely<Database>): Promise<void> {
    await this.repo.append(event(caller, entry), trx);
  }

  /**
   * Appends several rows in one go inside the action's transaction `trx` — one action done for
   * several callers at once (a group of visit joins) — in the order given.
   */
  async recordAll(rows: readonly { caller: Caller; entry: AuditEntry }[], trx: Kysely<Database>): Promise<void> {
    await this.repo.appendAll(
      rows.map((r) => event(r.caller, r.entry)),
      trx,
    );
  }

  async search(query: AuditQuery): Promise<AuditList> {
    const limit = query.limit ?? 50;
    const rows = await this.repo.search({ ...filterOf(query), limit: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      events: page.map(toDto),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /**
   * Privacy-officer report: every event the filters match, newest first as the page shows them, read in pages so a long report never sits in memory. The filters are checked
   * (a mistyped MRN is a 400) before the first row is read, so nothing half-written is sent.
   */
  report(query: Omit<AuditQuery, 'before' | 'limit'>): AsyncGenerator<AuditEvent> {
    const filter = filterOf(query);
    const repo = this.repo;
    return (async function* pages() {
      let beforeId: string | undefined;
      for (;;) {
        const rows = await repo.search({ ...filter, ...(beforeId ? { beforeId } : {}), limit: REPORT_PAGE });
        for (const row of rows) yield toDto(row);
        if (rows.length < REPORT_PAGE) return;
        beforeId = rows[rows.length - 1]?.id;
      }
    })();
  }
}

const REPORT_PAGE = 500;

function event(caller: Caller, entry: AuditEntry): NewAuditEvent {
  return {
    actorUserId: caller.userId,
    actorRole: caller.role,
    actingForPatientId: caller.actingForPatientId,
    patientId: entry.patientId ?? null,
    organizationId: caller.organizationId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome,
    ip: caller.ip,
    requestId: caller.requestId,
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}

function filterOf(query: AuditQuery): Omit<AuditFilter, 'limit'> {
  return {
    ...(query.patientId ? { patientId: query.patientId } : {}),
    ...patientText(query.patient),
    ...(query.userId ? { userId: query.userId } : {}),
    ...userText(query.user),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.before ? { beforeId: query.before } : {}),
  };
}

/** "1234-5678-9" finds that MRN; anything else is words that start the patient's names. */
function patientText(text: string | undefined): { patientMrn?: string; patientNameWords?: string[] } {
  const typed = text?.trim() ?? '';
  if (typed === '') return {};
  if (looksLikeMrn(typed)) {
    const mrn = parseMrn(typed);
    if (!mrn.ok) throw validation([{ field: 'patient', message: mrn.message }]);
    return { patientMrn: mrn.mrn };
  }
  const words = nameWords(typed);
  return words.length ? { patientNameWords: words } : {};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An account id finds that account; text with an @ is the start of an email; anything else, words of the name. */
function userText(text: string | undefined): Pick<AuditFilter, 'userId' | 'userEmailPrefix' | 'userNameWords'> {
  const typed = text?.trim().toLowerCase() ?? '';
  if (typed === '') return {};
  if (UUID.test(typed)) return { userId: typed };
  if (typed.includes('@')) return { userEmailPrefix: typed };
  const words = nameWords(typed);
  // Punctuation alone would filter nothing: a report of everyone is never made by accident.
  if (words.length === 0) throw validation([{ field: 'user', message: 'Type a name or an email address.' }]);
  return { userNameWords: words };
}

/** Up to four words, lower case, split on anything but letters, digits, apostrophes and hyphens. */
function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w !== '')
    .slice(0, 4);
}

function toDto(r: AuditRow): AuditEvent {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    actingForPatientId: r.acting_for_patient_id,
    patientId: r.patient_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    outcome: r.outcome,
    ip: r.ip,
    requestId: r.request_id,
    actorName: r.actor_name,
    actorEmail: r.actor_email,
    patientName: r.patient_name,
    patientMrn: r.patient_mrn,
    actingForPatientName: r.acting_for_name,
  };
}
