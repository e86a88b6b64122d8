import type { AuditEvent, AuditList, AuditQuery } from '@portico/contracts';
import type { Caller } from '../../lib/caller.js';
import type { AuditRepository, AuditRow } from './repository.js';

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

  async record(caller: Caller, entry: AuditEntry): Promise<void> {
    await this.repo.append({
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
    });
  }

  async search(query: AuditQuery): Promise<AuditList> {
    const limit = query.limit ?? 50;
    const rows = await this.repo.search({
      ...(query.patientId ? { patientId: query.patientId } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(query.before ? { beforeId: query.before } : {}),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      events: page.map(toDto),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
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
  };
}
