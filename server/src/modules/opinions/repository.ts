import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  DocumentReferencesTable,
  FileUploadsTable,
  OpinionStatusValue,
  SecondOpinionEventsTable,
  SecondOpinionRequestsTable,
} from '../../db/tables/opinions.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Second-opinion requests, their timeline, documents, links and uploads in progress. SQL only. */
export class OpinionsRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: OpinionsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new OpinionsRepository(trx), trx));
  }

  serviceLines() {
    return this.db.selectFrom('service_lines').select(['code', 'name']).orderBy('name').execute();
  }

  patient(patientId: string) {
    return this.db
      .selectFrom('patients as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.organization_id', 'p.given_name', 'p.family_name', 'p.email', 'u.email as user_email'])
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  async insertRequest(values: Insertable<SecondOpinionRequestsTable>): Promise<string> {
    const row = await this.db
      .insertInto('second_opinion_requests')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** One request with what every view needs beside it: department, patient, organization and specialist names. */
  request(id: string) {
    return this.db
      .selectFrom('second_opinion_requests as r')
      .innerJoin('service_lines as s', 's.code', 'r.service_line_code')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .innerJoin('organizations as o', 'o.id', 'r.organization_id')
      .leftJoin('users as pu', 'pu.id', 'p.user_id')
      .leftJoin('clinicians as c', 'c.id', 'r.specialist_id')
      .leftJoin('users as ou', 'ou.id', 'r.opinion_by')
      .selectAll('r')
      .select([
        's.name as department_name',
        'o.name as organization_name',
        'p.given_name',
        'p.family_name',
        sql<string | null>`coalesce(pu.email, p.email)`.as('patient_email'),
        sql<string | null>`case when c.id is null then null else c.given_name || ' ' || c.family_name end`.as(
          'specialist_name',
        ),
        'c.user_id as specialist_user_id',
        sql<string | null>`case when ou.id is null then null else ou.given_name || ' ' || ou.family_name end`.as(
          'opinion_by_name',
        ),
      ])
      .where('r.id', '=', id)
      .executeTakeFirst();
  }

  /** Locks the request row so status changes and checklist updates happen one at a time. */
  lock(id: string) {
    return this.db
      .selectFrom('second_opinion_requests')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  private summaries() {
    return this.db
      .selectFrom('second_opinion_requests as r')
      .innerJoin('service_lines as s', 's.code', 'r.service_line_code')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .leftJoin('clinicians as c', 'c.id', 'r.specialist_id')
      .select([
        'r.id',
        'r.status',
        'r.service_line_code',
        's.name as department_name',
        'r.condition',
        'r.created_at',
        'r.updated_at',
        sql<string>`p.given_name || ' ' || p.family_name`.as('patient_name'),
        sql<string | null>`case when c.id is null then null else c.given_name || ' ' || c.family_name end`.as(
          'specialist_name',
        ),
      ]);
  }

  listForPatient(patientId: string) {
    return this.summaries().where('r.patient_id', '=', patientId).orderBy('r.created_at', 'desc').limit(200).execute();
  }

  queue(organizationId: string, filter: { department?: string; status?: OpinionStatusValue }) {
    let q = this.summaries().where('r.organization_id', '=', organizationId);
    if (filter.department) q = q.where('r.service_line_code', '=', filter.department);
    q = filter.status
      ? q.where('r.status', '=', filter.status)
      : q.where('r.status', 'not in', ['opinion_delivered', 'closed']);
    return q.orderBy('r.created_at', 'asc').limit(500).execute();
  }

  async updateRequest(id: string, patch: Updateable<SecondOpinionRequestsTable>): Promise<void> {
    await this.db
      .updateTable('second_opinion_requests')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async addEvent(values: Insertable<SecondOpinionEventsTable>): Promise<void> {
    await this.db.insertInto('second_opinion_events').values(values).execute();
  }

  events(requestId: string) {
    return this.db
      .selectFrom('second_opinion_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.at', 'e.actor_kind', 'e.kind', 'e.status', 'e.note', 'u.given_name', 'u.family_name'])
      .where('e.request_id', '=', requestId)
      .orderBy('e.at', 'asc')
      .execute();
  }

  needs(requestId: string) {
    return this.db
      .selectFrom('second_opinion_needs')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .execute();
  }

  async addNeeds(requestId: string, labels: string[], by: string): Promise<void> {
    await this.db
      .insertInto('second_opinion_needs')
      .values(labels.map((label) => ({ request_id: requestId, label, created_by: by })))
      .execute();
  }

  async meetNeed(needId: string): Promise<void> {
    await this.db
      .updateTable('second_opinion_needs')
      .set({ met_at: new Date() })
      .where('id', '=', needId)
      .where('met_at', 'is', null)
      .execute();
  }

  documents(requestId: string) {
    return this.db
      .selectFrom('document_references')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .execute();
  }

  document(requestId: string, docId: string) {
    return this.db
      .selectFrom('document_references')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('id', '=', docId)
      .executeTakeFirst();
  }

  async insertDocument(values: Insertable<DocumentReferencesTable>): Promise<void> {
    await this.db.insertInto('document_references').values(values).execute();
  }

  links(requestId: string) {
    return this.db
      .selectFrom('second_opinion_links')
      .select(['id', 'created_at', 'expires_at', 'revoked_at'])
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .execute();
  }

  async insertLink(requestId: string, tokenHash: string, expiresAt: Date, by: string): Promise<string> {
    const row = await this.db
      .insertInto('second_opinion_links')
      .values({ request_id: requestId, token_hash: tokenHash, expires_at: expiresAt, created_by: by })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async insertUpload(values: Insertable<FileUploadsTable>): Promise<string> {
    const row = await this.db.insertInto('file_uploads').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  upload(id: string) {
    return this.db.selectFrom('file_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records progress only if no one else moved the upload meanwhile. */
  async advanceUpload(
    id: string,
    fromReceived: number,
    to: { received: number; stored: number; records: number },
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('file_uploads')
      .set({ received_bytes: to.received, stored_bytes: to.stored, records: to.records })
      .where('id', '=', id)
      .where(sql<boolean>`received_bytes = ${fromReceived}`)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async deleteUpload(id: string): Promise<void> {
    await this.db.deleteFrom('file_uploads').where('id', '=', id).execute();
  }

  expiredUploads(now: Date, limit: number) {
    return this.db.selectFrom('file_uploads').select('id').where('expires_at', '<', now).limit(limit).execute();
  }

  specialists(organizationId: string, serviceLineCode: string) {
    return this.db
      .selectFrom('clinicians')
      .select(['id', 'given_name', 'family_name', 'specialty', 'service_line_code'])
      .where('organization_id', '=', organizationId)
      .where('active', '=', true)
      .orderBy(sql`service_line_code = ${serviceLineCode}`, 'desc')
      .orderBy('family_name')
      .limit(300)
      .execute();
  }

  clinician(id: string) {
    return this.db
      .selectFrom('clinicians as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.organization_id', 'c.given_name', 'c.family_name', 'u.email'])
      .where('c.id', '=', id)
      .executeTakeFirst();
  }

  appointment(id: string) {
    return this.db
      .selectFrom('appointments')
      .select(['id', 'patient_id', 'organization_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Open requests not reminded in the last day, oldest first. */
  remindable(now: Date, limit: number) {
    return this.db
      .selectFrom('second_opinion_requests')
      .select(['id'])
      .where('status', 'in', ['submitted', 'records_pending', 'under_review'])
      .where((eb) =>
        eb.or([
          eb('last_reminded_at', 'is', null),
          eb('last_reminded_at', '<', new Date(now.getTime() - 23 * 3600_000)),
        ]),
      )
      .where('created_at', '<', new Date(now.getTime() - 23 * 3600_000))
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }
}
