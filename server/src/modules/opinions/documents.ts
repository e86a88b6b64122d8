import type { Caller } from '../../lib/caller.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { OpinionAccess } from './access.js';
import { actorKind } from './access.js';
import { acceptsDocuments, checklistFor, isComplete } from './checklist.js';
import type { OpinionsRepository } from './repository.js';
import type { CheckedContent } from './upload-checks.js';

type UploadRow = NonNullable<Awaited<ReturnType<OpinionsRepository['upload']>>>;

/**
 * Makes a checked upload a DocumentReference, all at once: the document appears, the upload row
 * goes, a requested item is ticked off, a request waiting for records moves to review when its
 * checklist is complete, and the audit row is appended last (decision 0027).
 */
export async function recordDocument(
  repo: OpinionsRepository,
  audit: AuditService,
  caller: Caller,
  input: { upload: UploadRow; access: OpinionAccess; patientId: string; checked: CheckedContent; sha256: string },
): Promise<void> {
  const { upload, access, checked } = input;
  await repo.transaction(async (tx, trx) => {
    const locked = await tx.lock(upload.request_id);
    if (!locked || !acceptsDocuments(locked.status)) {
      throw new AppError('opinion_status_conflict', 409, 'This request is finished, so no more records can be added.');
    }
    const request = await tx.request(upload.request_id);
    if (!request) throw new AppError('opinion_status_conflict', 409, 'This request is no longer open.');
    const category = checked.contentType === 'application/dicom' ? 'imaging' : upload.category;
    await tx.insertDocument({
      id: upload.id,
      organization_id: request.organization_id,
      patient_id: input.patientId,
      request_id: upload.request_id,
      need_id: upload.need_id,
      category,
      content_type: checked.contentType,
      filename: upload.filename,
      size_bytes: Number(upload.declared_bytes),
      sha256: input.sha256,
      wrapped_key: upload.wrapped_key,
      dicom_study_date: checked.dicom?.studyDate ?? null,
      dicom_modality: checked.dicom?.modality ?? null,
      dicom_study_description: checked.dicom?.studyDescription ?? null,
      uploaded_by: upload.created_by,
      uploaded_by_kind: upload.created_by_kind,
      link_id: upload.link_id,
    });
    await tx.deleteUpload(upload.id);
    if (upload.need_id) await tx.meetNeed(upload.need_id);
    const kind = actorKind(access);
    await tx.addEvent({
      request_id: upload.request_id,
      actor_user_id: upload.created_by,
      actor_kind: kind,
      kind: 'document_added',
      note: category,
    });
    if (locked.status === 'records_pending') {
      const [docs, needs] = await Promise.all([tx.documents(upload.request_id), tx.needs(upload.request_id)]);
      if (isComplete(checklistFor(request, docs, needs))) {
        await tx.updateRequest(upload.request_id, { status: 'under_review' });
        await tx.addEvent({
          request_id: upload.request_id,
          actor_kind: 'system',
          kind: 'status',
          status: 'under_review',
          actor_user_id: null,
        });
      }
    } else {
      await tx.updateRequest(upload.request_id, {});
    }
    await audit.record(
      caller,
      {
        action: 'opinion.document_add',
        entityType: 'DocumentReference',
        entityId: upload.id,
        patientId: input.patientId,
        outcome: 'allowed',
        detail: { contentType: checked.contentType, bytes: Number(upload.declared_bytes) },
      },
      trx,
    );
  });
}
