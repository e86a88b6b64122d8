import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { appendChained, appendChainedRows, type ChainInput } from './chain.js';
import { GroupAppender } from './group-append.js';

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
  actor_name: string | null;
  actor_email: string | null;
  patient_name: string | null;
  patient_mrn: string | null;
  acting_for_name: string | null;
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
  /** Events about any patient with this MRN (9 digits) … */
  patientMrn?: string;
  /** … or whose given or family names start with each of these words (lower case). */
  patientNameWords?: string[];
  userId?: string;
  /** Events by any user whose email starts with this (lower case) … */
  userEmailPrefix?: string;
  /** … or whose given or family names start with each of these words (lower case). */
  userNameWords?: string[];
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

/** Append-only: this repository has no update or delete, and a trigger forbids them anyway. */
export class AuditRepository {
  readonly #groups: GroupAppender;

  constructor(private readonly db: Kysely<Database>) {
    this.#groups = new GroupAppender(db);
  }

  /**
   * Appends one event to the hash chain, inside `trx` when given (the action's own transaction:
   * the row then commits or rolls back with it), else with the other rows of the moment in a
   * transaction of their own (group-append.ts). Resolves once the row has committed.
   */
  async append(e: NewAuditEvent, trx?: Kysely<Database>): Promise<void> {
    const row = chainInput(e);
    if (trx?.isTransaction) await appendChained(trx, row);
    else await this.#groups.append(row);
  }

  /** Appends events to the chain in the order given, inside the action's transaction `trx` (two statements for all). */
  async appendAll(events: readonly NewAuditEvent[], trx: Kysely<Database>): Promise<void> {
    await appendChainedRows(trx, events.map(chainInput));
  }

  async search(f: AuditFilter): Promise<AuditRow[]> {
    const name = (alias: string) =>
      sql<
        string | null
      >`nullif(concat_ws(' ', ${sql.ref(`${alias}.given_name`)}, ${sql.ref(`${alias}.family_name`)}), '')`;
    let q = this.db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('patients as p', 'p.id', 'e.patient_id')
      .leftJoin('patients as af', 'af.id', 'e.acting_for_patient_id')
      .select([
        'e.id',
        'e.at',
        'e.actor_user_id',
        'e.actor_role',
        'e.acting_for_patient_id',
        'e.patient_id',
        'e.action',
        'e.entity_type',
        'e.entity_id',
        'e.outcome',
        'e.ip',
        'e.request_id',
        name('u').as('actor_name'),
        'u.email as actor_email',
        name('p').as('patient_name'),
        'p.mrn as patient_mrn',
        name('af').as('acting_for_name'),
      ]);
    if (f.patientId) q = q.where('e.patient_id', '=', f.patientId);
    if (f.patientMrn) q = q.where('p.mrn', '=', f.patientMrn);
    for (const word of f.patientNameWords ?? []) {
      const prefix = prefixPattern(word);
      q = q.where((eb) =>
        eb.or([eb(sql`lower(p.given_name)`, 'like', prefix), eb(sql`lower(p.family_name)`, 'like', prefix)]),
      );
    }
    if (f.userId) q = q.where('e.actor_user_id', '=', f.userId);
    if (f.userEmailPrefix !== undefined || f.userNameWords) {
      // The matching people first, then their events (the actor index), not every event's actor.
      let people = this.db.selectFrom('users').select('id');
      if (f.userEmailPrefix !== undefined)
        people = people.where(sql`lower(email)`, 'like', prefixPattern(f.userEmailPrefix));
      for (const word of f.userNameWords ?? []) {
        const prefix = prefixPattern(word);
        people = people.where((eb) =>
          eb.or([eb(sql`lower(given_name)`, 'like', prefix), eb(sql`lower(family_name)`, 'like', prefix)]),
        );
      }
      q = q.where('e.actor_user_id', 'in', people);
    }
    if (f.from) q = q.where('e.at', '>=', f.from);
    if (f.to) q = q.where('e.at', '<', f.to);
    if (f.beforeId) q = q.where('e.id', '<', sql<string>`${f.beforeId}::bigint`);
    return q.orderBy('e.id', 'desc').limit(f.limit).execute();
  }
}

/** A LIKE pattern for values starting with `text`, its wildcards taken literally. */
const prefixPattern = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function chainInput(e: NewAuditEvent): ChainInput {
  return {
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
    detail: e.detail ?? {},
  };
}
