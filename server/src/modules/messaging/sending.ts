import type { NewThreadBody, Thread } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import { checkFiles, digests, type MessageAttachments, type UploadedFile } from './attachments.js';
import type { MessagingRepository } from './repository.js';
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

  private async open(
    caller: AuthenticatedCaller,
    body: NewThreadBody,
    files: UploadedFile[],
    once: RetrySafeCreate,
  ): Promise<Thread> {
    if (sideOf(caller) !== 'patient') throw forbidden();
    const patientId = patientForArea(caller, 'messages');
    if (!body.body.trim()) throw validation([{ field: 'body', message: 'Write your message.' }]);
    if (!body.subject.trim()) throw validation([{ field: 'subject', message: 'Give your message a subject.' }]);
    if (Boolean(body.clinicianId) === Boolean(body.poolId)) {
      throw validation([{ field: 'recipient', message: 'Choose one clinician or one care team to write to.' }]);
    }
    const attachments = checkFiles(files);
    const to = body.clinicianId ? await this.repo.clinician(body.clinicianId) : await this.repo.pool(body.poolId ?? '');
    if (!to || ('active' in to && !to.active)) {
      throw validation([{ field: 'recipient', message: 'That recipient is not available. Choose another.' }]);
    }
    const stored = await this.attachments.seal(attachments);
    const thread = await this.attachments.stored(stored, () =>
      this.repo.transaction((repo, trx) =>
        once.within(trx, async () => {
          const id = await repo.createThread({
            organization_id: to.organization_id,
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
              detail: { topic: body.topic, attachments: attachments.length },
            },
            trx,
          );
          return view;
        }),
      ),
    );
    return thread;
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
