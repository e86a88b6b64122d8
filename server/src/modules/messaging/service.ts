import { createHash, randomUUID } from 'node:crypto';
import type {
  InboxQuery,
  MessageOptions,
  NewThreadBody,
  Thread,
  ThreadList,
  ThreadMessage,
  ThreadSummary,
} from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import { cleanFilename, sniffType } from '../../lib/sniff.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import type {
  AttachmentMeta,
  MessageRow,
  MessagingRepository,
  NewAttachment,
  ThreadRow,
  ThreadScope,
  StoredAttachment,
} from './repository.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

type Side = 'patient' | 'care_team';

function sideOf(caller: AuthenticatedCaller): Side {
  return caller.role === 'patient' || caller.role === 'proxy' ? 'patient' : 'care_team';
}

/** Checks every file by its bytes before anything is stored. */
/** An attachment problem, tied to the form's `files` field so the page can point at it. */
export function filesError(
  code: 'too_many_attachments' | 'attachment_too_large' | 'attachment_type_not_allowed',
  status: number,
  message: string,
): AppError {
  return new AppError(code, status, message, [{ field: 'files', message }]);
}

export function checkFiles(files: UploadedFile[]): NewAttachment[] {
  if (files.length > MAX_ATTACHMENTS) {
    throw filesError('too_many_attachments', 400, `Attach at most ${MAX_ATTACHMENTS} files to one message.`);
  }
  return files.map((f) => {
    if (f.data.length === 0 || f.data.length > MAX_ATTACHMENT_BYTES) {
      throw filesError('attachment_too_large', 413, `"${cleanFilename(f.filename)}" must be between 1 byte and 10 MB.`);
    }
    const type = sniffType(f.data);
    if (!type) {
      throw filesError(
        'attachment_type_not_allowed',
        415,
        `"${cleanFilename(f.filename)}" is not a PDF or a photo (JPEG, PNG, GIF, WebP, HEIC). Other kinds of files cannot be sent.`,
      );
    }
    return {
      filename: cleanFilename(f.filename),
      content_type: type,
      size_bytes: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
      data: f.data,
    };
  });
}

/** Secure messages between a patient (or their proxy) and the care team. */
export class MessagingService {
  constructor(
    private readonly repo: MessagingRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly idempotency: Idempotency,
    private readonly files: FileStore,
  ) {
    jobs.register('message.notify', async (p) =>
      this.notify(String(p['threadId']), p['to'] === 'patient' ? 'patient' : 'clinician'),
    );
  }

  private scope(caller: AuthenticatedCaller): ThreadScope {
    if (sideOf(caller) === 'patient') return { kind: 'patient', patientId: patientForArea(caller, 'messages') };
    if (caller.role === 'admin') return { kind: 'all' };
    if (!caller.organizationId) throw forbidden();
    return { kind: 'organization', organizationId: caller.organizationId };
  }

  async options(caller: AuthenticatedCaller): Promise<MessageOptions> {
    const patientId = patientForArea(caller, 'messages');
    const { clinicians, pools, org } = await this.repo.options(patientId);
    const days = org.settings['messageResponseBusinessDays'];
    return {
      clinicians,
      pools,
      responseBusinessDays: typeof days === 'number' && days > 0 ? days : 2,
      urgentPhone: org.tech_help_phone,
      maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
      maxAttachments: MAX_ATTACHMENTS,
    };
  }

  async list(caller: AuthenticatedCaller, query: InboxQuery): Promise<ThreadList> {
    const scope = this.scope(caller);
    const side = sideOf(caller);
    const rows =
      scope.kind === 'patient'
        ? await this.repo.forPatient(scope.patientId)
        : await this.repo.inbox({
            organizationId: scope.kind === 'organization' ? scope.organizationId : null,
            ...(query.status ? { status: query.status } : {}),
            ...(query.poolId ? { poolId: query.poolId } : {}),
            ...(query.mine ? { mineUserId: caller.userId } : {}),
          });
    await this.audit.record(caller, {
      action: 'message.list',
      entityType: 'Communication',
      patientId: scope.kind === 'patient' ? scope.patientId : null,
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { threads: rows.map((r) => summary(r, side)) };
  }

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
    const stored = await this.seal(attachments);
    const thread = await this.stored(stored, () =>
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
          const view = await this.view(repo, id, 'patient');
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
    const thread = await this.repo.thread(threadId, this.scope(caller));
    if (!thread) throw notFound('This conversation');
    if (!text.trim()) throw validation([{ field: 'body', message: 'Write your message.' }]);
    const attachments = checkFiles(files);
    const side = sideOf(caller);
    const stored = await this.seal(attachments);
    const answered = await this.stored(stored, () =>
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
          const view = await this.view(repo, thread.id, side);
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

  /** Seals each checked file in the encrypted file store, before the message's transaction. */
  private async seal(files: NewAttachment[]): Promise<StoredAttachment[]> {
    const stored: StoredAttachment[] = [];
    try {
      for (const { data, ...meta } of files) {
        const id = randomUUID();
        stored.push({ ...meta, id, wrapped_key: await this.files.put(id, data) });
      }
    } catch (err) {
      await this.files.remove(...stored.map((f) => f.id));
      throw err;
    }
    return stored;
  }

  /** Runs the write; if it fails, the files sealed for it are removed (their rows never existed). */
  private async stored<T>(files: StoredAttachment[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      await this.files.remove(...files.map((f) => f.id)).catch(() => undefined);
      throw err;
    }
  }

  /** Opening a thread marks the other side's messages read (their read receipts). */
  async read(caller: AuthenticatedCaller, threadId: string): Promise<Thread> {
    const thread = await this.repo.thread(threadId, this.scope(caller));
    if (!thread) {
      await this.audit.record(caller, {
        action: 'message.read',
        entityType: 'Communication',
        entityId: threadId,
        outcome: 'denied',
      });
      throw notFound('This conversation');
    }
    const side = sideOf(caller);
    // The read receipts and the audit row of the read commit together (decision 0027).
    await this.repo.transaction(async (repo, trx) => {
      await repo.markRead(thread.id, side);
      await this.audit.record(
        caller,
        {
          action: 'message.read',
          entityType: 'Communication',
          entityId: thread.id,
          patientId: thread.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    return this.view(this.repo, thread.id, side);
  }

  /** The thread with its messages as `side` sees it, read through `repo` (a transaction's, when inside one). */
  private async view(repo: MessagingRepository, threadId: string, side: Side): Promise<Thread> {
    const messages = await repo.messages(threadId);
    const attachments = await repo.attachmentsFor(messages.map((m) => m.id));
    const fresh = await repo.thread(threadId, { kind: 'all' });
    if (!fresh) throw notFound('This conversation');
    return { ...summary(fresh, side), messages: messages.map((m) => toMessage(m, attachments)) };
  }

  async assign(caller: AuthenticatedCaller, threadId: string, userId: string | null): Promise<Thread> {
    const thread = await this.careTeamThread(caller, threadId);
    if (userId && !(await this.repo.colleague(userId, thread.organization_id))) {
      throw validation([{ field: 'userId', message: 'Choose a colleague from this organization.' }]);
    }
    await this.repo.setAssignee(thread.id, userId);
    await this.audit.record(caller, {
      action: 'message.assign',
      entityType: 'Communication',
      entityId: thread.id,
      patientId: thread.patient_id,
      outcome: 'allowed',
    });
    return this.read(caller, thread.id);
  }

  async setStatus(caller: AuthenticatedCaller, threadId: string, status: 'open' | 'done'): Promise<Thread> {
    const thread = await this.careTeamThread(caller, threadId);
    await this.repo.setStatus(thread.id, status);
    await this.audit.record(caller, {
      action: `message.${status}`,
      entityType: 'Communication',
      entityId: thread.id,
      patientId: thread.patient_id,
      outcome: 'allowed',
    });
    return this.read(caller, thread.id);
  }

  private async careTeamThread(caller: AuthenticatedCaller, threadId: string): Promise<ThreadRow> {
    if (sideOf(caller) !== 'care_team') throw forbidden();
    const thread = await this.repo.thread(threadId, this.scope(caller));
    if (!thread) throw notFound('This conversation');
    return thread;
  }

  async attachment(
    caller: AuthenticatedCaller,
    id: string,
  ): Promise<{ filename: string; contentType: string; data: Buffer }> {
    const file = await this.repo.attachment(id);
    const thread = file ? await this.repo.thread(file.thread_id, this.scope(caller)) : undefined;
    if (!file || !thread) {
      await this.audit.record(caller, {
        action: 'message.attachment',
        entityType: 'Attachment',
        entityId: id,
        outcome: 'denied',
      });
      throw notFound('This file');
    }
    await this.audit.record(caller, {
      action: 'message.attachment',
      entityType: 'Attachment',
      entityId: id,
      patientId: thread.patient_id,
      outcome: 'allowed',
    });
    // Files stored before encryption at rest (0030) are still plain in the row until `npm run files:encrypt`.
    const data = file.wrapped_key
      ? await this.files.get(file.id, file.wrapped_key, file.size_bytes)
      : (file.data ?? Buffer.alloc(0));
    return { filename: file.filename, contentType: file.content_type, data };
  }

  /** "You have a new message in Portico" and a link: nothing else, ever. */
  private async notify(threadId: string, to: 'patient' | 'clinician'): Promise<void> {
    const thread = await this.repo.thread(threadId, { kind: 'all' });
    if (!thread) return;
    const address =
      to === 'patient'
        ? (await this.repo.patientContact(thread.patient_id))?.email
        : thread.clinician_user_id
          ? (await this.repo.userEmail(thread.clinician_user_id))?.email
          : undefined;
    if (!address) return;
    const link = `${this.publicUrl}/messages/${thread.id}`;
    await this.mail.sendTo(address, (tr) => ({
      subject: tr.t('email.message.subject'),
      lines: [tr.t('email.message.body'), '', tr.t('email.message.link', { link })],
    }));
  }
}

/** What identifies the files of a message for a retry: names and contents, not the bytes themselves. */
const digests = (files: UploadedFile[]) =>
  files.map((f) => ({ filename: f.filename, sha256: createHash('sha256').update(f.data).digest('hex') }));

function summary(r: ThreadRow, side: Side): ThreadSummary {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    topic: r.topic,
    subject: r.subject,
    recipient: r.clinician_name ?? r.pool_name ?? '',
    clinicianId: r.clinician_id,
    poolId: r.pool_id,
    assignedTo: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assigned_name ?? '' } : null,
    status: r.status,
    lastMessageAt: r.last_message_at.toISOString(),
    unread: side === 'patient' ? r.unread_for_patient : r.unread_for_care_team,
  };
}

function toMessage(m: MessageRow, attachments: AttachmentMeta[]): ThreadMessage {
  return {
    id: m.id,
    side: m.author_side,
    authorName: m.author_name,
    body: m.body,
    createdAt: m.created_at.toISOString(),
    readAt: m.read_at?.toISOString() ?? null,
    attachments: attachments
      .filter((a) => a.message_id === m.id)
      .map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.content_type,
        sizeBytes: a.size_bytes,
        url: `/api/messages/attachments/${a.id}`,
      })),
  };
}
