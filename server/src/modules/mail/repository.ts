import type { Kysely } from 'kysely';
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
