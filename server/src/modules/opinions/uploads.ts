import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Caller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import { cleanFilename } from '../../lib/sniff.js';
import type { DocumentCategoryValue } from '../../db/tables/opinions.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { FileStore } from '../files/index.js';
import { actorKind, type OpinionAccess } from './access.js';
import { acceptsDocuments } from './checklist.js';
import type { OpinionsRepository } from './repository.js';
import type { OpinionsService, UploadLimits } from './service.js';
import { checkContent, earlyCheck, HEAD_BYTES, SNIFF_BYTES } from './upload-checks.js';
import { recordDocument } from './documents.js';

export const DISCARD_UPLOADS_JOB = 'opinions.discard_stale_uploads';
const UPLOAD_LIFETIME_MS = 24 * 3600_000;
const CATEGORIES: readonly DocumentCategoryValue[] = ['records', 'imaging', 'labs', 'precert', 'other'];

export interface UploadState {
  uploadId: string;
  received: number;
  declared: number;
  expiresAt: Date;
  documentId: string | null;
}

type UploadRow = NonNullable<Awaited<ReturnType<OpinionsRepository['upload']>>>;

/**
 * Resumable uploads (tus 1.0 core: create, offset, append, terminate). Bytes are encrypted as they
 * arrive and never held whole. An upload stays invisible — no DocumentReference — until its last
 * byte is in and its content passed the checks; one that fails is deleted with everything stored
 * so far, and one left unfinished is swept away after 24 hours.
 */
export class UploadService {
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repo: OpinionsRepository,
    private readonly opinions: OpinionsService,
    private readonly files: FileStore,
    private readonly audit: AuditService,
    private readonly limits: UploadLimits,
    jobs: JobService,
  ) {
    // Unfinished uploads are dropped once past 24 hours.
    jobs.every('hour', DISCARD_UPLOADS_JOB, 'discard-uploads');
    jobs.register(DISCARD_UPLOADS_JOB, async () => void (await this.discardExpired(new Date())));
  }

  async create(
    caller: Caller,
    requestId: string,
    token: string | undefined,
    input: { length: number; metadata: Record<string, string> },
  ): Promise<UploadState> {
    const { row, access } = await this.opinions.access.resolve(caller, requestId, token, 'opinion.upload_start');
    if (!acceptsDocuments(row.status)) {
      throw new AppError('opinion_status_conflict', 409, 'This request is finished, so no more records can be added.');
    }
    if (input.length > this.limits.maxDicomBytes) throw tooLarge(this.limits.maxDicomBytes);
    const filename = cleanFilename(input.metadata['filename'] ?? '');
    const category = (input.metadata['category'] ?? 'records') as DocumentCategoryValue;
    if (!CATEGORIES.includes(category)) {
      throw validation([{ field: 'category', message: 'Choose what kind of record this is.' }]);
    }
    const needId = input.metadata['needId'] || null;
    if (needId && !(await this.repo.needs(requestId)).some((n) => n.id === needId)) {
      throw validation([{ field: 'needId', message: 'Choose one of the items the care team asked for.' }]);
    }
    const expiresAt = new Date(Date.now() + UPLOAD_LIFETIME_MS);
    // The upload and its audit row commit together (decision 0027).
    const uploadId = await this.repo.transaction(async (repo, trx) => {
      const id = await repo.insertUpload({
        request_id: requestId,
        category,
        need_id: needId,
        filename,
        declared_bytes: input.length,
        wrapped_key: this.files.newKey(),
        created_by: access.kind === 'link' ? null : caller.userId,
        created_by_kind: actorKind(access),
        link_id: access.kind === 'link' ? access.linkId : null,
        expires_at: expiresAt,
      });
      await this.audit.record(
        caller,
        {
          action: 'opinion.upload_start',
          entityType: 'ServiceRequest',
          entityId: requestId,
          patientId: row.patient_id,
          outcome: 'allowed',
          detail: { bytes: input.length, category },
        },
        trx,
      );
      return id;
    });
    return { uploadId, received: 0, declared: input.length, expiresAt, documentId: null };
  }

  /** HEAD: how much arrived. Waits for an append in progress, so the answer is what is really kept. */
  offset(caller: Caller, uploadId: string, token: string | undefined): Promise<UploadState> {
    return this.locked(uploadId, async () => stateOf(await this.own(caller, uploadId, token)));
  }

  async terminate(caller: Caller, uploadId: string, token: string | undefined): Promise<void> {
    await this.locked(uploadId, async () => {
      await this.own(caller, uploadId, token);
      await this.discard(uploadId);
    });
  }

  /** PATCH: appends from `offset`. Returns the new state; `documentId` is set once the file is complete and accepted. */
  append(
    caller: Caller,
    uploadId: string,
    token: string | undefined,
    offset: number,
    source: AsyncIterable<Buffer>,
  ): Promise<UploadState> {
    return this.locked(uploadId, async () => {
      const { upload, access, patientId } = await this.ownWithAccess(caller, uploadId, token);
      const start = Number(upload.received_bytes);
      const declared = Number(upload.declared_bytes);
      if (offset !== start) {
        throw new AppError(
          'upload_offset_mismatch',
          409,
          'The upload is at a different point; ask where to resume from.',
          [],
          {
            'upload-offset': String(start),
          },
        );
      }
      let head =
        start < SNIFF_BYTES
          ? start === 0
            ? Buffer.alloc(0)
            : await this.files.partHead(uploadId, upload.wrapped_key, start)
          : null;
      const stored = { plainBytes: start, storedBytes: Number(upload.stored_bytes), records: upload.records };
      const appender = await this.files.appender(uploadId, upload.wrapped_key, stored);
      let received = start;
      let failure: AppError | null = null;
      let interrupted = false;
      let storageFailure: unknown = null;
      try {
        for await (const chunk of source) {
          if (received + chunk.length > declared) {
            failure = tooLarge(declared, true);
            break;
          }
          try {
            await appender.write(chunk);
          } catch (err) {
            storageFailure = err; // our disk, not the client: a full disk is a 507, never a silent stop
            break;
          }
          received += chunk.length;
          if (head && head.length < SNIFF_BYTES) {
            head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
            if (head.length >= Math.min(SNIFF_BYTES, declared)) {
              failure = earlyCheck(head, declared, this.limits);
              if (failure) break;
            }
          }
        }
      } catch {
        interrupted = true; // the client went away; keep what arrived so it can resume
      }
      if (storageFailure !== null) {
        await appender.close().catch(() => undefined);
        // Cut the part file back to what the database records as stored: no half-written record
        // stays behind, and the upload resumes from its last acknowledged offset.
        await (await this.files.appender(uploadId, upload.wrapped_key, stored)).close().catch(() => undefined);
        throw storageFailure;
      }
      const state = await appender.close();
      if (failure) {
        await this.discard(uploadId);
        throw failure;
      }
      if (
        !(await this.repo.advanceUpload(uploadId, start, {
          received: state.plainBytes,
          stored: state.storedBytes,
          records: state.records,
        }))
      ) {
        throw new AppError('upload_offset_mismatch', 409, 'The upload moved on meanwhile; ask where to resume from.');
      }
      const now = {
        ...upload,
        received_bytes: String(state.plainBytes),
        stored_bytes: String(state.storedBytes),
        records: state.records,
      };
      if (interrupted || state.plainBytes < declared) return stateOf(now);
      const documentId = await this.complete(caller, now, access, patientId);
      return { ...stateOf(now), documentId };
    });
  }

  /** The last byte is in: check the content, then make it a DocumentReference — or discard it all. */
  private async complete(caller: Caller, upload: UploadRow, access: OpinionAccess, patientId: string): Promise<string> {
    const declared = Number(upload.declared_bytes);
    let checked;
    let sha256: string;
    try {
      const head = await this.files.partHead(upload.id, upload.wrapped_key, HEAD_BYTES);
      checked = checkContent(head, declared, upload.filename, this.limits);
      const hash = createHash('sha256');
      for await (const plain of this.files.partChunks(upload.id, upload.wrapped_key, declared)) hash.update(plain);
      sha256 = hash.digest('hex');
    } catch (err) {
      // The upload row goes with its audit row (decision 0027), then its bytes.
      await this.repo.transaction(async (repo, trx) => {
        await repo.deleteUpload(upload.id);
        await this.audit.record(
          caller,
          {
            action: 'opinion.upload_rejected',
            entityType: 'ServiceRequest',
            entityId: upload.request_id,
            patientId,
            outcome: 'denied',
            detail: { reason: err instanceof AppError ? err.code : 'unreadable' },
          },
          trx,
        );
      });
      await this.files.discardPart(upload.id);
      throw err;
    }
    await this.files.promote(upload.id);
    try {
      await recordDocument(this.repo, this.audit, caller, { upload, access, patientId, checked, sha256 });
    } catch (err) {
      await rm(this.files.objectPath(upload.id), { force: true });
      await this.discard(upload.id);
      throw err;
    }
    return upload.id;
  }

  /** Sweeps unfinished uploads past their 24 hours: row and encrypted bytes both. */
  async discardExpired(now: Date): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.repo.expiredUploads(now, 100);
      if (batch.length === 0) return count;
      for (const { id } of batch) {
        await this.locked(id, () => this.discard(id));
        count++;
      }
    }
  }

  private async discard(id: string): Promise<void> {
    await this.repo.deleteUpload(id);
    await this.files.discardPart(id);
  }

  /** An unfinished upload is visible only to whoever started it: the same account, or the same link. */
  private async ownWithAccess(caller: Caller, uploadId: string, token: string | undefined) {
    const upload = await this.repo.upload(uploadId);
    if (!upload || upload.expires_at.getTime() <= Date.now()) throw notFound('This upload');
    const { row, access } = await this.opinions.access.resolve(
      caller,
      upload.request_id,
      token,
      'opinion.upload_append',
    );
    const mine = access.kind === 'link' ? upload.link_id === access.linkId : upload.created_by === caller.userId;
    if (!mine) throw notFound('This upload');
    if (!acceptsDocuments(row.status)) {
      throw new AppError('opinion_status_conflict', 409, 'This request is finished, so no more records can be added.');
    }
    return { upload, access, patientId: row.patient_id };
  }

  private async own(caller: Caller, uploadId: string, token: string | undefined): Promise<UploadRow> {
    return (await this.ownWithAccess(caller, uploadId, token)).upload;
  }

  /** One operation per upload at a time in this process; the database update guards across processes. */
  private locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prior = this.#locks.get(id) ?? Promise.resolve();
    const next = prior.catch(() => undefined).then(fn);
    const tail = next.catch(() => undefined);
    this.#locks.set(id, tail);
    void tail.then(() => {
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    });
    return next;
  }
}

function stateOf(u: UploadRow): UploadState {
  return {
    uploadId: u.id,
    received: Number(u.received_bytes),
    declared: Number(u.declared_bytes),
    expiresAt: u.expires_at,
    documentId: null,
  };
}

export function tooLarge(limit: number, overDeclared = false): AppError {
  return new AppError(
    'upload_too_large',
    413,
    overDeclared
      ? 'More bytes arrived than the upload said it would have. Start the upload again.'
      : `This file is too large. The limit is ${Math.floor(limit / (1024 * 1024))} MB.`,
  );
}
