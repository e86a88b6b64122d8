/** A FHIR resource as sent: JSON with its type and id. */
export interface Resource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}

export const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
export const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const PROVENANCE_AGENT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
export const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const US_CORE_DOC_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';

/** `meta` with one US Core profile and when the data last changed. */
export function meta(profile: string | null, lastUpdated: Date | string): Record<string, unknown> {
  const at = typeof lastUpdated === 'string' ? new Date(lastUpdated) : lastUpdated;
  return {
    ...(profile ? { profile: [`${US_CORE}/${profile}`] } : {}),
    lastUpdated: at.toISOString(),
  };
}

/** A FHIR `date` from a database date (a Date at midnight UTC, or 'YYYY-MM-DD'). */
export function fhirDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export const instant = (value: Date): string => value.toISOString();

export const ref = (type: string, id: string, display?: string): Record<string, unknown> => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});

/** "Dr. Priya Raman, MD"-style display for a clinician. */
export function clinicianName(given: string | null, family: string | null): string | undefined {
  return given && family ? `${given} ${family}` : undefined;
}
