import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  acting_for_patient_id: string | null;
  patient_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  ip: string | null;
  request_id: string | null;
}

export interface NewAuditEvent {
  actorUserId: string | null;
  actorRole: string | null;
  actingForPatientId: string | null;
  patientId: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  ip: string | null;
  requestId: string | null;
  detail?: Record<string, string | number | boolean>;
}

export interface AuditFilter {
  patientId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

/** Append-only: this repository has no update or delete, and a trigger forbids them anyway. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(e: NewAuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        actor_user_id: e.actorUserId,
        actor_role: e.actorRole,
        acting_for_patient_id: e.actingForPatientId,
        patient_id: e.patientId,
        organization_id: e.organizationId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        outcome: e.outcome,
        ip: e.ip,
        request_id: e.requestId,
        detail: JSON.stringify(e.detail ?? {}),
      })
      .execute();
  }

  async search(f: AuditFilter): Promise<AuditRow[]> {
    let q = this.db
      .selectFrom('audit_events')
      .select([
        'id',
        'at',
        'actor_user_id',
        'actor_role',
        'acting_for_patient_id',
        'patient_id',
        'action',
        'entity_type',
        'entity_id',
        'outcome',
        'ip',
        'request_id',
      ]);
    if (f.patientId) q = q.where('patient_id', '=', f.patientId);
    if (f.userId) q = q.where('actor_user_id', '=', f.userId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.beforeId) q = q.where('id', '<', sql<string>`${f.beforeId}::bigint`);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  }
}
