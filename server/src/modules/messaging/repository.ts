import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, MessageTopic } from '../../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface ThreadRow {
  id: string;
  organization_id: string;
  patient_id: string;
  patient_name: string;
  topic: MessageTopic;
  subject: string;
  clinician_id: string | null;
  clinician_name: string | null;
  clinician_user_id: string | null;
  pool_id: string | null;
  pool_name: string | null;
  assigned_user_id: string | null;
  assigned_name: string | null;
  status: 'open' | 'done';
  last_message_at: Date;
  unread_for_patient: number;
  unread_for_care_team: number;
}

export interface MessageRow {
  id: string;
  thread_id: string;
  author_side: 'patient' | 'care_team';
  author_name: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export interface AttachmentMeta {
  id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
}

export interface NewAttachment {
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
}

/** An attachment already sealed in the encrypted file store under `id`. */
export interface StoredAttachment extends Omit<NewAttachment, 'data'> {
  id: string;
  wrapped_key: string;
}

export type ThreadScope =
  { kind: 'patient'; patientId: string } | { kind: 'organization'; organizationId: string } | { kind: 'all' };

/** Conversations, messages and attachments. SQL only. */
export class MessagingRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (repo: MessagingRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new MessagingRepository(trx), trx));
  }

  private threads() {
    return this.db
      .selectFrom('message_threads as t')
      .innerJoin('patients as p', 'p.id', 't.patient_id')
      .leftJoin('clinicians as c', 'c.id', 't.clinician_id')
      .leftJoin('message_pools as mp', 'mp.id', 't.pool_id')
      .leftJoin('users as a', 'a.id', 't.assigned_user_id')
      .select([
        't.id',
        't.organization_id',
        't.patient_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        't.topic',
        't.subject',
        't.clinician_id',
        sql<string | null>`CASE WHEN c.id IS NULL THEN NULL ELSE concat_ws(' ', c.given_name, c.family_name) END`.as(
          'clinician_name',
        ),
        'c.user_id as clinician_user_id',
        't.pool_id',
        'mp.name as pool_name',
        't.assigned_user_id',
        sql<string | null>`CASE WHEN a.id IS NULL THEN NULL ELSE concat_ws(' ', a.given_name, a.family_name) END`.as(
          'assigned_name',
        ),
        't.status',
        't.last_message_at',
        't.unread_for_patient',
        't.unread_for_care_team',
      ]);
  }

  thread(id: string, scope: ThreadScope): Promise<ThreadRow | undefined> {
    let q = this.threads().where('t.id', '=', id);
    if (scope.kind === 'patient') q = q.where('t.patient_id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('t.organization_id', '=', scope.organizationId);
    return q.executeTakeFirst();
  }

  forPatient(patientId: string): Promise<ThreadRow[]> {
    return this.threads()
      .where('t.patient_id', '=', patientId)
      .orderBy('t.last_message_at', 'desc')
      .limit(200)
      .execute();
  }

  /** The care team's inbox: unread first, then newest. */
  inbox(f: {
    organizationId: string | null;
    status?: 'open' | 'done';
    mineUserId?: string;
    clinicianId?: string;
    poolId?: string;
  }): Promise<ThreadRow[]> {
    let q = this.threads();
    if (f.organizationId) q = q.where('t.organization_id', '=', f.organizationId);
    if (f.status) q = q.where('t.status', '=', f.status);
    if (f.poolId) q = q.where('t.pool_id', '=', f.poolId);
    if (f.mineUserId) {
      const me = f.mineUserId;
      q = q.where((eb) =>
        eb.or([
          eb('t.assigned_user_id', '=', me),
          eb('c.user_id', '=', me),
          eb('t.pool_id', 'in', eb.selectFrom('message_pool_members').select('pool_id').where('user_id', '=', me)),
        ]),
      );
    }
    return q
      .orderBy(sql`t.unread_for_care_team > 0`, 'desc')
      .orderBy('t.last_message_at', 'desc')
      .limit(200)
      .execute();
  }

  messages(threadId: string): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages as m')
      .innerJoin('users as u', 'u.id', 'm.author_user_id')
      .select([
        'm.id',
        'm.thread_id',
        'm.author_side',
        sql<string>`concat_ws(' ', u.given_name, u.family_name)`.as('author_name'),
        'm.body',
        'm.created_at',
        'm.read_at',
      ])
      .where('m.thread_id', '=', threadId)
      .orderBy('m.created_at')
      .execute();
  }

  async attachmentsFor(messageIds: string[]): Promise<AttachmentMeta[]> {
    if (messageIds.length === 0) return [];
    return this.db
      .selectFrom('message_attachments')
      .select(['id', 'message_id', 'filename', 'content_type', 'size_bytes'])
      .where('message_id', 'in', messageIds)
      .execute();
  }

  attachment(
    id: string,
  ): Promise<(AttachmentMeta & { data: Buffer | null; wrapped_key: string | null; thread_id: string }) | undefined> {
    return this.db
      .selectFrom('message_attachments as a')
      .innerJoin('messages as m', 'm.id', 'a.message_id')
      .select([
        'a.id',
        'a.message_id',
        'a.filename',
        'a.content_type',
        'a.size_bytes',
        'a.data',
        'a.wrapped_key',
        'm.thread_id',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst();
  }

  async createThread(t: {
    organization_id: string;
    patient_id: string;
    topic: MessageTopic;
    subject: string;
    clinician_id: string | null;
    pool_id: string | null;
    created_by: string;
  }): Promise<string> {
    const row = await this.db.insertInto('message_threads').values(t).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Adds a message, its attachments, and bumps the other side's unread count. */
  async addMessage(
    threadId: string,
    authorUserId: string,
    side: 'patient' | 'care_team',
    body: string,
    files: StoredAttachment[],
  ): Promise<string> {
    const m = await this.db
      .insertInto('messages')
      .values({ thread_id: threadId, author_user_id: authorUserId, author_side: side, body })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of files)
      await this.db
        .insertInto('message_attachments')
        .values({ ...f, message_id: m.id })
        .execute();
    await this.db
      .updateTable('message_threads')
      .set((eb) => ({
        last_message_at: sql<Date>`now()`,
        // A patient writing again reopens a thread the team had marked done.
        status: 'open',
        ...(side === 'patient'
          ? { unread_for_care_team: eb('unread_for_care_team', '+', 1) }
          : { unread_for_patient: eb('unread_for_patient', '+', 1) }),
      }))
      .where('id', '=', threadId)
      .execute();
    return m.id;
  }

  /** The reader's side opened the thread: the other side's messages get their read receipt. */
  async markRead(threadId: string, readerSide: 'patient' | 'care_team'): Promise<void> {
    const authorSide = readerSide === 'patient' ? 'care_team' : 'patient';
    await this.db
      .updateTable('messages')
      .set({ read_at: sql<Date>`now()` })
      .where('thread_id', '=', threadId)
      .where('author_side', '=', authorSide)
      .where('read_at', 'is', null)
      .execute();
    await this.db
      .updateTable('message_threads')
      .set(readerSide === 'patient' ? { unread_for_patient: 0 } : { unread_for_care_team: 0 })
      .where('id', '=', threadId)
      .execute();
  }

  async setAssignee(threadId: string, userId: string | null): Promise<void> {
    await this.db.updateTable('message_threads').set({ assigned_user_id: userId }).where('id', '=', threadId).execute();
  }

  async setStatus(threadId: string, status: 'open' | 'done'): Promise<void> {
    await this.db.updateTable('message_threads').set({ status }).where('id', '=', threadId).execute();
  }

  clinician(id: string): Promise<{ id: string; organization_id: string; active: boolean } | undefined> {
    return this.db
      .selectFrom('clinicians')
      .select(['id', 'organization_id', 'active'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  pool(id: string): Promise<{ id: string; organization_id: string } | undefined> {
    return this.db
      .selectFrom('message_pools')
      .select(['id', 'organization_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  colleague(userId: string, organizationId: string): Promise<{ id: string } | undefined> {
    return this.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('organization_id', '=', organizationId)
      .where('role', 'in', ['clinician', 'staff', 'admin'])
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
  }

  /** Clinicians the patient has had appointments with, and the patient's organization's pools. */
  async options(patientId: string): Promise<{
    clinicians: { id: string; name: string; specialty: string }[];
    pools: { id: string; name: string }[];
    org: { settings: Record<string, unknown>; tech_help_phone: string };
  }> {
    const clinicians = await this.db
      .selectFrom('clinicians as c')
      .select(['c.id', sql<string>`concat_ws(' ', c.given_name, c.family_name)`.as('name'), 'c.specialty'])
      .where('c.active', '=', true)
      .where('c.id', 'in', (eb) =>
        eb.selectFrom('appointments').select('clinician_id').where('patient_id', '=', patientId),
      )
      .orderBy('c.family_name')
      .execute();
    const org = await this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(['o.id', 'o.settings', 'o.tech_help_phone'])
      .where('p.id', '=', patientId)
      .executeTakeFirstOrThrow();
    const pools = await this.db
      .selectFrom('message_pools')
      .select(['id', 'name'])
      .where('organization_id', '=', org.id)
      .orderBy('name')
      .execute();
    return { clinicians, pools, org };
  }

  patientContact(patientId: string): Promise<{ email: string | null } | undefined> {
    return this.db
      .selectFrom('patients as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(sql<string | null>`coalesce(u.email, p.email)`.as('email'))
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  userEmail(userId: string): Promise<{ email: string } | undefined> {
    return this.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  }
}
