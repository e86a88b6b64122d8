import type { NewThreadBody, Thread } from '@portico/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import { checkFiles, digests, type MessageAttachments, type UploadedFile } from './attachments.js';
import { MessagingRepository, type StoredAttachment } from './repository.js';
import { scopeOf, sideOf, threadView } from './thread-view.js';

/**
 * Writing: a new conversation or a reply. Each is one transaction with its audit row and the job
 * that notifies the other side; with an Idempotency-Key a retry gets the first answer.
 */
export class MessageSending {
  constructor(
    private readonly repo: MessagingRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly idempotency: Idempotency,
    private readonly attachments: MessageAttachments,
  ) {}

  /** A new thread; with an Idempotency-Key a retry gets the first answer instead of a second thread. */
  async start(
    caller: AuthenticatedCaller,
    body: NewThreadBody,
    files: UploadedFile[],
    key: string | null = null,
  ): Promise<Answer<Thread>> {
    const once = this.idempotency.request(caller, 'message.start', key, { body, files: digests(files) });
    return once.run(() => this.open(caller, body, files, once));
  }

  /**
   * A new thread without attachments inside another module's transaction `trx` (a support request
   * opens one): its rows, notice job and audit row commit or roll back with the caller's own. No
   * Idempotency-Key of its own: the caller's create holds one for the whole transaction.
   */
  async startIn(trx: Transaction<Database>, caller: AuthenticatedCaller, body: NewThreadBody): Promise<Thread> {
    const repo = new MessagingRepository(trx);
    const patientId = this.checked(caller, body);
    const to = await this.recipient(repo, body);
    return this.write(repo, trx, caller, body, patientId, to.organization_id, [], 0);
  }

  private async open(
    caller: AuthenticatedCaller,
    body: NewThreadBody,
    files: UploadedFile[],
    once: RetrySafeCreate,
  ): Promise<Thread> {
    const patientId = this.checked(caller, body);
    const attachments = checkFiles(files);
    const to = await this.recipient(this.repo, body);
    const stored = await this.attachments.seal(attachments);
    const thread = await this.attachments.stored(stored, () =>
      this.repo.transaction((repo, trx) =>
        once.within(trx, () =>
          this.write(repo, trx, caller, body, patientId, to.organization_id, stored, attachments.length),
        ),
      ),
    );
    return thread;
  }

  /** The patient a new thread is for, once the caller may write one and the body is complete. */
  private checked(caller: AuthenticatedCaller, body: NewThreadBody): string {
    if (sideOf(caller) !== 'patient') throw forbidden();
    const patientId = patientForArea(caller, 'messages');
    if (!body.body.trim()) throw validation([{ field: 'body', message: 'Write your message.' }]);
    if (!body.subject.trim()) throw validation([{ field: 'subject', message: 'Give your message a subject.' }]);
    if (Boolean(body.clinicianId) === Boolean(body.poolId)) {
      throw validation([{ field: 'recipient', message: 'Choose one clinician or one care team to write to.' }]);
    }
    return patientId;
  }

  private async recipient(repo: MessagingRepository, body: NewThreadBody): Promise<{ organization_id: string }> {
    const to = body.clinicianId ? await repo.clinician(body.clinicianId) : await repo.pool(body.poolId ?? '');
    if (!to || ('active' in to && !to.active)) {
      throw validation([{ field: 'recipient', message: 'That recipient is not available. Choose another.' }]);
    }
    return to;
  }

  /** The thread, its first message, the notice job and the audit row, in `trx`. */
  private async write(
    repo: MessagingRepository,
    trx: Transaction<Database>,
    caller: AuthenticatedCaller,
    body: NewThreadBody,
    patientId: string,
    organizationId: string,
    stored: StoredAttachment[],
    attachmentCount: number,
  ): Promise<Thread> {
    const id = await repo.createThread({
      organization_id: organizationId,
      patient_id: patientId,
      topic: body.topic,
      subject: body.subject.trim(),
      clinician_id: body.clinicianId ?? null,
      pool_id: body.poolId ?? null,
      created_by: caller.userId,
    });
    await repo.addMessage(id, caller.userId, 'patient', body.body.trim(), stored);
    await this.jobs.enqueue({ kind: 'message.notify', payload: { threadId: id, to: 'clinician' } }, trx);
    const view = await threadView(repo, id, 'patient');
    // In the same transaction: no message without its audit row (docs/decisions/0027).
    await this.audit.record(
      caller,
      {
        action: 'message.start',
        entityType: 'Communication',
        entityId: id,
        patientId,
        outcome: 'allowed',
        detail: { topic: body.topic, attachments: attachmentCount },
      },
      trx,
    );
    return view;
  }

  /** A reply in a thread; retry-safe with an Idempotency-Key like a new thread. */
  async reply(
    caller: AuthenticatedCaller,
    threadId: string,
    text: string,
    files: UploadedFile[],
    key: string | null = null,
  ): Promise<Answer<Thread>> {
    const once = this.idempotency.request(caller, 'message.reply', key, { threadId, text, files: digests(files) });
    return once.run(() => this.answer(caller, threadId, text, files, once));
  }

  private async answer(
    caller: AuthenticatedCaller,
    threadId: string,
    text: string,
    files: UploadedFile[],
    once: RetrySafeCreate,
  ): Promise<Thread> {
    const thread = await this.repo.thread(threadId, scopeOf(caller));
    if (!thread) throw notFound('This conversation');
    if (!text.trim()) throw validation([{ field: 'body', message: 'Write your message.' }]);
    const attachments = checkFiles(files);
    const side = sideOf(caller);
    const stored = await this.attachments.seal(attachments);
    const answered = await this.attachments.stored(stored, () =>
      this.repo.transaction((repo, trx) =>
        once.within(trx, async () => {
          await repo.addMessage(thread.id, caller.userId, side, text.trim(), stored);
          await this.jobs.enqueue(
            {
              kind: 'message.notify',
              payload: { threadId: thread.id, to: side === 'care_team' ? 'patient' : 'clinician' },
            },
            trx,
          );
          // Replying means the other side's messages were read, as opening the thread does.
          await repo.markRead(thread.id, side);
          const view = await threadView(repo, thread.id, side);
          await this.audit.record(
            caller,
            {
              action: 'message.reply',
              entityType: 'Communication',
              entityId: thread.id,
              patientId: thread.patient_id,
              outcome: 'allowed',
              detail: { attachments: attachments.length },
            },
            trx,
          );
          return view;
        }),
      ),
    );
    return answered;
  }
}
