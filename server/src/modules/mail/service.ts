import type { OutboxList, OutboxMessage } from '@portico/contracts';
import type { Transporter } from 'nodemailer';
import { notFound } from '../../lib/errors.js';
import { translator, type Translator } from '../../lib/i18n.js';
import { htmlFromText } from './html.js';
import type { MailRepository, OutboxRow } from './repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text. Must never contain PHI: only "something new for you" and a link. */
  text: string;
  /** E.g. an .ics calendar file; content is the file's text. */
  attachments?: MailAttachment[];
  /** The language the text is in (a server catalog language); English when absent. */
  lang?: string;
}

/** An email's words in one language: the subject and its lines ('' between paragraphs). */
export interface MailContent {
  subject: string;
  lines: string[];
  attachments?: MailAttachment[];
}

/** Writes an email in the language of the translator it is given. */
export type Compose = (tr: Translator) => MailContent;

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Sends mail through SMTP when configured. Every message is also kept in the outbox table so an
 * admin can see what went out; without SMTP the outbox is the only destination (demo mode).
 */
export class MailService {
  /** The SMTP transport, made (and nodemailer loaded) with the first message sent. */
  #transport: Promise<Transporter> | null = null;

  constructor(
    private readonly repo: MailRepository,
    private readonly opts: { smtpUrl: string | null; from: string; log: MailLogger },
  ) {}

  get mode(): 'smtp' | 'outbox' {
    return this.opts.smtpUrl ? 'smtp' : 'outbox';
  }

  #smtp(smtpUrl: string): Promise<Transporter> {
    this.#transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
    return this.#transport;
  }

  /**
   * Writes and sends an email in the recipient's language: the one given (a guest link's, a
   * registration's), else that of the account or patient record using the address, else English.
   */
  async sendTo(to: string, compose: Compose, opts: { lang?: string | null } = {}): Promise<void> {
    const tr = translator(opts.lang !== undefined ? opts.lang : await this.repo.languageOf(to));
    const content = compose(tr);
    await this.send({
      to,
      subject: content.subject,
      text: content.lines.join('\n') + '\n',
      lang: tr.lang,
      ...(content.attachments ? { attachments: content.attachments } : {}),
    });
  }

  async send(message: MailMessage): Promise<void> {
    const smtpUrl = this.opts.smtpUrl;
    if (!smtpUrl) {
      await this.repo.insert({ ...message, status: 'kept' });
      return;
    }
    try {
      const transport = await this.#smtp(smtpUrl);
      await transport.sendMail({
        from: this.opts.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: htmlFromText(message.text, translator(message.lang).lang, translator(message.lang).dir),
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      await this.repo.insert({ ...message, status: 'sent' });
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'unknown error';
      // The address is personal data: log only that a send failed and why.
      this.opts.log.warn({ reason }, 'mail delivery failed; kept in outbox');
      await this.repo.insert({ ...message, status: 'failed', error: reason.slice(0, 500) });
    }
  }

  async list(): Promise<OutboxList> {
    const rows = await this.repo.list(200);
    return { messages: rows.map(summary) };
  }

  async get(id: string): Promise<OutboxMessage> {
    const row = await this.repo.get(id);
    if (!row) throw notFound('This message');
    return { ...summary(row), text: row.body_text };
  }

  close(): void {
    void this.#transport?.then((transport) => transport.close()).catch(() => undefined);
  }
}

function summary(r: OutboxRow) {
  return { id: r.id, to: r.to_address, subject: r.subject, createdAt: r.created_at.toISOString(), status: r.status };
}
