import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface SupportRow {
  id: string;
  organization_id: string;
  patient_id: string;
  patient_name: string;
  topic: 'visit' | 'account';
  appointment_id: string | null;
  description: string;
  thread_id: string;
  status: 'open' | 'done';
  created_at: Date;
}

/** The secure-message pool tech-help requests are addressed to, one per organization. */
export const TECH_HELP_POOL = 'Technical help';

/** SQL for technical-help requests. */
export class SupportRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  transaction<T>(fn: (repo: SupportRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new SupportRepository(trx), trx));
  }

  patientOrganization(patientId: string): Promise<{ organization_id: string } | undefined> {
    return this.db.selectFrom('patients').select('organization_id').where('id', '=', patientId).executeTakeFirst();
  }

  appointmentOf(appointmentId: string, patientId: string): Promise<{ id: string } | undefined> {
    return this.db
      .selectFrom('appointments')
      .select('id')
      .where('id', '=', appointmentId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
  }

  /** The organization's tech-help pool, made the first time someone asks for help. */
  async techHelpPool(organizationId: string): Promise<string> {
    await this.db
      .insertInto('message_pools')
      .values({ organization_id: organizationId, name: TECH_HELP_POOL, service_line_code: null })
      .onConflict((oc) => oc.columns(['organization_id', 'name']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('message_pools')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('name', '=', TECH_HELP_POOL)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async insert(r: {
    organization_id: string;
    patient_id: string;
    topic: 'visit' | 'account';
    appointment_id: string | null;
    description: string;
    thread_id: string;
    created_by: string;
  }): Promise<string> {
    const row = await this.db.insertInto('support_requests').values(r).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  list(filter: { organizationId?: string; patientId?: string; id?: string }, limit = 100): Promise<SupportRow[]> {
    let q = this.db
      .selectFrom('support_requests as s')
      .innerJoin('patients as p', 'p.id', 's.patient_id')
      .innerJoin('message_threads as t', 't.id', 's.thread_id')
      .select([
        's.id',
        's.organization_id',
        's.patient_id',
        sql<string>`p.given_name || ' ' || p.family_name`.as('patient_name'),
        's.topic',
        's.appointment_id',
        's.description',
        's.thread_id',
        't.status',
        's.created_at',
      ]);
    if (filter.organizationId) q = q.where('s.organization_id', '=', filter.organizationId);
    if (filter.patientId) q = q.where('s.patient_id', '=', filter.patientId);
    if (filter.id) q = q.where('s.id', '=', filter.id);
    return q.orderBy('s.created_at', 'desc').limit(limit).execute();
  }
}
