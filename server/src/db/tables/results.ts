import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../columns.js';

export type ResultCategory = 'lab' | 'imaging' | 'pathology';
export type ResultStatus = 'preliminary' | 'final' | 'amended' | 'corrected';
export type InterpretationCode = 'H' | 'L' | 'HH' | 'LL' | 'A' | 'N';

export interface DiagnosticReportsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  code: string;
  name: string;
  category: ResultCategory;
  status: ResultStatus;
  effective_at: Timestamp;
  issued_at: Timestamp;
  ordering_clinician_id: string | null;
  conclusion: string | null;
  patient_comment: string | null;
  comment_by: string | null;
  comment_at: NullableTimestamp;
  released_at: Timestamp;
  released_by: string | null;
  source: 'entered' | 'fhir' | 'demo';
  external_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ObservationsTable {
  id: Generated<string>;
  report_id: string;
  patient_id: string;
  position: number;
  code: string;
  name: string;
  value_numeric: number | null;
  value_text: string | null;
  unit: string | null;
  ref_low: number | null;
  ref_high: number | null;
  ref_text: string | null;
  interpretation: InterpretationCode | null;
  effective_at: Timestamp;
  /** Why there is no value (FHIR dataAbsentReason), e.g. "specimen hemolyzed" (migration 0023). */
  data_absent_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export type VitalKind =
  | 'blood-pressure'
  | 'heart-rate'
  | 'respiratory-rate'
  | 'body-temperature'
  | 'body-weight'
  | 'body-height'
  | 'bmi'
  | 'oxygen-saturation';

/** Vital signs (migration 0032): the kind fixes LOINC code and UCUM unit; value2 is a diastolic pressure. */
export interface VitalSignsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  encounter_id: string | null;
  kind: VitalKind;
  value: number;
  value2: number | null;
  status: Generated<'final' | 'amended' | 'corrected'>;
  effective_at: Timestamp;
  source: 'check-in' | 'visit' | 'entered' | 'demo';
  recorded_by: string | null;
  created_at: Generated<Date>;
}

/** Tables of this domain; Database in ../schema.ts extends this. */
export interface ResultsTables {
  diagnostic_reports: DiagnosticReportsTable;
  observations: ObservationsTable;
  vital_signs: VitalSignsTable;
}
