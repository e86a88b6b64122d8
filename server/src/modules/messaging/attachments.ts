import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import { cleanFilename, sniffType } from '../../lib/sniff.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { MessagingRepository, NewAttachment, StoredAttachment } from './repository.js';
import { scopeOf } from './thread-view.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** An attachment problem, tied to the form's `files` field so the page can point at it. */
export function filesError(
  code: 'too_many_attachments' | 'attachment_too_large' | 'attachment_type_not_allowed',
  status: number,
  message: string,
): AppError {
  return new AppError(code, status, message, [{ field: 'files', message }]);
}

/** Checks every file by its bytes before anything is stored. */
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

/** What identifies the files of a message for a retry: names and contents, not the bytes themselves. */
export const digests = (files: UploadedFile[]) =>
  files.map((f) => ({ filename: f.filename, sha256: createHash('sha256').update(f.data).digest('hex') }));

/** Message attachments in the encrypted file store: sealing them before a write, and reading one back. */
export class MessageAttachments {
  constructor(
    private readonly repo: MessagingRepository,
    private readonly audit: AuditService,
    private readonly files: FileStore,
  ) {}

  /** Seals each checked file in the encrypted file store, before the message's transaction. */
  async seal(files: NewAttachment[]): Promise<StoredAttachment[]> {
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
  async stored<T>(files: StoredAttachment[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      await this.files.remove(...files.map((f) => f.id)).catch(() => undefined);
      throw err;
    }
  }

  /** One attachment, for someone who may see its conversation; anyone else gets a 404 (audited as denied). */
  async download(
    caller: AuthenticatedCaller,
    id: string,
  ): Promise<{ filename: string; contentType: string; data: Buffer }> {
    const file = await this.repo.attachment(id);
    const thread = file ? await this.repo.thread(file.thread_id, scopeOf(caller)) : undefined;
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
}
