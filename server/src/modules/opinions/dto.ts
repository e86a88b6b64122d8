import type { ChecklistItem, OpinionDocument, OpinionRequest, OpinionStatus, OpinionSummary } from '@portico/contracts';
import type { OpinionsRepository } from './repository.js';
import type { RequestRow } from './access.js';

type Rows<K extends keyof OpinionsRepository> = OpinionsRepository[K] extends (...a: never[]) => Promise<infer R>
  ? R
  : never;
type DocRow = Rows<'documents'>[number];
type EventRow = Rows<'events'>[number];
type LinkRow = Rows<'links'>[number];
type SummaryRow = Rows<'listForPatient'>[number];

export function documentDto(d: DocRow): OpinionDocument {
  return {
    id: d.id,
    category: d.category,
    contentType: d.content_type,
    filename: d.filename,
    sizeBytes: Number(d.size_bytes),
    createdAt: d.created_at.toISOString(),
    uploadedBy: d.uploaded_by_kind,
    needId: d.need_id,
    dicom:
      d.content_type === 'application/dicom'
        ? {
            studyDate: d.dicom_study_date ? String(d.dicom_study_date).slice(0, 10) : null,
            modality: d.dicom_modality,
            studyDescription: d.dicom_study_description,
          }
        : null,
  };
}

export function summaryDto(r: SummaryRow): OpinionSummary {
  return {
    id: r.id,
    status: r.status,
    patientName: r.patient_name,
    serviceLineCode: r.service_line_code,
    departmentName: r.department_name,
    condition: r.condition,
    specialistName: r.specialist_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function requestDto(
  r: RequestRow,
  parts: { docs: DocRow[]; events: EventRow[]; links: LinkRow[]; checklist: ChecklistItem[] },
): OpinionRequest {
  return {
    id: r.id,
    status: r.status as OpinionStatus,
    patientId: r.patient_id,
    patientName: `${r.given_name} ${r.family_name}`,
    serviceLineCode: r.service_line_code,
    departmentName: r.department_name,
    condition: r.condition,
    question: r.question,
    physicianName: r.physician_name,
    physicianInstitution: r.physician_institution,
    physicianPhone: r.physician_phone,
    physicianEmail: r.physician_email,
    insurance: r.insurance,
    precertNeeded: r.precert_needed,
    precertObtained: r.precert_obtained,
    precertReference: r.precert_reference,
    visitPreference: r.visit_preference,
    hasImaging: r.has_imaging,
    hasLabs: r.has_labs,
    specialist: r.specialist_id && r.specialist_name ? { id: r.specialist_id, name: r.specialist_name } : null,
    appointmentId: r.appointment_id,
    opinion:
      r.opinion_text && r.opinion_at
        ? { text: r.opinion_text, deliveredAt: r.opinion_at.toISOString(), by: r.opinion_by_name ?? '' }
        : null,
    checklist: parts.checklist,
    documents: parts.docs.map(documentDto),
    events: parts.events.map((e) => ({
      at: e.at.toISOString(),
      actorKind: e.actor_kind,
      actorName: e.actor_kind === 'care_team' && e.given_name ? `${e.given_name} ${e.family_name ?? ''}`.trim() : null,
      kind: e.kind,
      status: (e.status as OpinionStatus | null) ?? null,
      note: e.note,
    })),
    links: parts.links.map((l) => ({
      id: l.id,
      createdAt: l.created_at.toISOString(),
      expiresAt: l.expires_at.toISOString(),
      revoked: l.revoked_at !== null,
    })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
