import type { Interpretation, ResultCategory, ResultStatus } from '@portico/contracts';

/** One analyte ready to store, whichever way it came in (typed by a clinician or a FHIR bundle). */
export interface NewObservationData {
  code: string;
  name: string;
  value: number | null;
  valueText: string | null;
  /** Why there is no value (FHIR dataAbsentReason), e.g. "specimen hemolyzed". */
  dataAbsentReason: string | null;
  unit: string | null;
  low: number | null;
  high: number | null;
  rangeText: string | null;
  flag: Interpretation | null;
  effectiveAt: Date;
}

/** One report ready to store; the release time is decided by the service. */
export interface NewReportData {
  code: string;
  name: string;
  category: ResultCategory;
  status: ResultStatus;
  effectiveAt: Date;
  issuedAt: Date;
  conclusion: string | null;
  comment: string | null;
  externalId: string | null;
  observations: NewObservationData[];
}

/** Codes as FHIR and LOINC write them: letters, digits, dots and dashes. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
