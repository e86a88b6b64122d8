import type { InboxQuery, MessageOptions, NewThreadBody, Thread, ThreadList } from '@portico/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import type { Answer, Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { MessageAttachments, type UploadedFile } from './attachments.js';
import { MessageNotifier } from './notifications.js';
import type { MessagingRepository } from './repository.js';
import { MessageSending } from './sending.js';
import { MessageThreads } from './threads.js';

/**
 * Secure messages between a patient (or their proxy) and the care team. The one entry other code
 * uses; the work is done by its parts: threads.ts (finding, reading, triage), sending.ts (new
 * threads and replies), attachments.ts (files) and notifications.ts (the email that says "new message").
 */
export class MessagingService {
  private readonly threads: MessageThreads;
  private readonly sending: MessageSending;
  private readonly attachments: MessageAttachments;

  constructor(
    repo: MessagingRepository,
    audit: AuditService,
    jobs: JobService,
    mail: MailService,
    publicUrl: string,
    idempotency: Idempotency,
    files: FileStore,
  ) {
    this.threads = new MessageThreads(repo, audit);
    this.attachments = new MessageAttachments(repo, audit, files);
    this.sending = new MessageSending(repo, audit, jobs, idempotency, this.attachments);
    const notifier = new MessageNotifier(repo, mail, publicUrl);
    jobs.register('message.notify', async (p) =>
      notifier.notify(String(p['threadId']), p['to'] === 'patient' ? 'patient' : 'clinician'),
    );
  }

  /** Whom a patient can write to, how soon the care team answers, and the attachment limits. */
  options(caller: AuthenticatedCaller): Promise<MessageOptions> {
    return this.threads.options(caller);
  }

  /** A patient's conversations, or the care team's inbox (filtered by status, pool, assignee). */
  list(caller: AuthenticatedCaller, query: InboxQuery): Promise<ThreadList> {
    return this.threads.list(caller, query);
  }

  /** A new thread; with an Idempotency-Key a retry gets the first answer instead of a second thread. */
  start(
    caller: AuthenticatedCaller,
    body: NewThreadBody,
    files: UploadedFile[],
    key: string | null = null,
  ): Promise<Answer<Thread>> {
    return this.sending.start(caller, body, files, key);
  }

  /**
   * A new thread (no attachments) written inside another module's transaction `trx`, so the two
   * commit or fail together; the caller's own Idempotency-Key covers it.
   */
  startIn(trx: Transaction<Database>, caller: AuthenticatedCaller, body: NewThreadBody): Promise<Thread> {
    return this.sending.startIn(trx, caller, body);
  }

  /** A reply in a thread; retry-safe with an Idempotency-Key like a new thread. */
  reply(
    caller: AuthenticatedCaller,
    threadId: string,
    text: string,
    files: UploadedFile[],
    key: string | null = null,
  ): Promise<Answer<Thread>> {
    return this.sending.reply(caller, threadId, text, files, key);
  }

  /** Opening a thread marks the other side's messages read (their read receipts). */
  read(caller: AuthenticatedCaller, threadId: string): Promise<Thread> {
    return this.threads.read(caller, threadId);
  }

  /** The care team hands a thread to a colleague of the same organization, or back to the pool (null). */
  assign(caller: AuthenticatedCaller, threadId: string, userId: string | null): Promise<Thread> {
    return this.threads.assign(caller, threadId, userId);
  }

  /** The care team marks a thread done, or opens it again. */
  setStatus(caller: AuthenticatedCaller, threadId: string, status: 'open' | 'done'): Promise<Thread> {
    return this.threads.setStatus(caller, threadId, status);
  }

  /** One attachment's bytes, for someone who may see its conversation. */
  attachment(
    caller: AuthenticatedCaller,
    id: string,
  ): Promise<{ filename: string; contentType: string; data: Buffer }> {
    return this.attachments.download(caller, id);
  }
}
