import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../columns.js';

/** int8 arrives as text (kept exact); written as numbers. */
type Int8 = ColumnType<string, number | undefined, number>;
type Text = ColumnType<string, string | undefined, string>;
type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;
type NullableId = ColumnType<string | null, string | null | undefined, string | null>;

export type OpinionStatusValue =
  'submitted' | 'records_pending' | 'under_review' | 'scheduled' | 'opinion_delivered' | 'closed';
export type VisitPreferenceValue = 'video' | 'in_person' | 'records_only';
export type DocumentCategoryValue = 'records' | 'imaging' | 'labs' | 'precert' | 'other';
export type RecordContentType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/dicom';
export type UploaderKind = 'patient' | 'care_team' | 'physician_link';
export type OpinionActorKind = 'patient' | 'care_team' | 'physician_link' | 'system';
export type OpinionEventKind =
  | 'created'
  | 'status'
  | 'assigned'
  | 'info_requested'
  | 'document_added'
  | 'scheduled'
  | 'opinion_delivered'
  | 'link_created'
  | 'link_revoked'
  | 'reminded';

export interface SecondOpinionRequestsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  created_by: string | null;
  status: ColumnType<OpinionStatusValue, OpinionStatusValue | undefined, OpinionStatusValue>;
  service_line_code: string;
  condition: string;
  question: string;
  physician_name: Text;
  physician_institution: Text;
  physician_phone: Text;
  physician_email: Text;
  insurance: Text;
  precert_needed: Flag;
  precert_obtained: Flag;
  precert_reference: Text;
  visit_preference: VisitPreferenceValue;
  has_imaging: Flag;
  has_labs: Flag;
  specialist_id: NullableId;
  appointment_id: NullableId;
  opinion_text: NullableText;
  opinion_by: NullableId;
  opinion_at: NullableTimestamp;
  last_reminded_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SecondOpinionEventsTable {
  id: Generated<string>;
  request_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_kind: OpinionActorKind;
  kind: OpinionEventKind;
  status: NullableText;
  note: NullableText;
}

export interface SecondOpinionNeedsTable {
  id: Generated<string>;
  request_id: string;
  label: string;
  created_by: string | null;
  created_at: Generated<Date>;
  met_at: NullableTimestamp;
}

export interface SecondOpinionLinksTable {
  id: Generated<string>;
  request_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface FileUploadsTable {
  id: Generated<string>;
  request_id: string;
  category: DocumentCategoryValue;
  need_id: string | null;
  filename: string;
  declared_bytes: Int8;
  received_bytes: Int8;
  stored_bytes: Int8;
  records: ColumnType<number, number | undefined, number>;
  wrapped_key: string;
  created_by: string | null;
  created_by_kind: UploaderKind;
  link_id: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface DocumentReferencesTable {
  id: string;
  organization_id: string;
  patient_id: string;
  request_id: string;
  need_id: string | null;
  category: DocumentCategoryValue;
  content_type: RecordContentType;
  filename: string;
  size_bytes: Int8;
  sha256: string;
  wrapped_key: string;
  dicom_study_date: ColumnType<string | null, string | null | undefined, string | null>;
  dicom_modality: NullableText;
  dicom_study_description: NullableText;
  uploaded_by: string | null;
  uploaded_by_kind: UploaderKind;
  link_id: string | null;
  created_at: Generated<Date>;
}

/** Tables migration 0018 adds; Database in ../schema.ts extends this. */
export interface OpinionsTables {
  second_opinion_requests: SecondOpinionRequestsTable;
  second_opinion_events: SecondOpinionEventsTable;
  second_opinion_needs: SecondOpinionNeedsTable;
  second_opinion_links: SecondOpinionLinksTable;
  file_uploads: FileUploadsTable;
  document_references: DocumentReferencesTable;
}
