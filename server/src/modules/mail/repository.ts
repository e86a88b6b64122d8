import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: 'kept' | 'sent' | 'failed';
  created_at: Date;
}

export class MailRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: {
    to: string;
    subject: string;
    text: string;
    status: OutboxRow['status'];
    error?: string;
    attachments?: { filename: string; contentType: string; content: string }[];
  }): Promise<string> {
    const row = await this.db
      .insertInto('mail_outbox')
      .values({
        to_address: m.to,
        subject: m.subject,
        body_text: m.text,
        status: m.status,
        error: m.error ?? null,
        sent_at: m.status === 'sent' ? new Date() : null,
        attachments: JSON.stringify(m.attachments ?? []),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * The preferred language of whoever uses an address: the account's own patient record first,
   * else a patient record with that email (no account yet), else the language the account's owner
   * chose to read Portico in (clinicians and staff have no patient record); null for strangers.
   */
  async languageOf(address: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('patients as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.preferred_language'])
      .where((eb) => eb.or([eb('u.email', '=', address), eb('p.email', '=', address)]))
      .orderBy(sql`(u.email = ${address}) is true`, 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row?.preferred_language) return row.preferred_language;
    const account = await this.db
      .selectFrom('users')
      .select('language')
      .where('email', '=', address)
      .executeTakeFirst();
    return account?.language ?? null;
  }

  async list(limit: number): Promise<OutboxRow[]> {
    return this.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'body_text', 'status', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async get(id: string): Promise<OutboxRow | undefined> {
    return this.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'body_text', 'status', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
