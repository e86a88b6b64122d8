import { parseMrn } from '@portico/contracts';
import type { Entry } from './fhir-observation.js';
import { isObject, type Problems } from './fhir-types.js';

/** Why each kind of resource a real-world bundle carries is not stored by a results import. */
export const IGNORED_REASONS: Readonly<Record<string, string>> = {
  Practitioner: "Portico keeps its own clinician directory; the sender's practitioners are not imported.",
  PractitionerRole: "Portico keeps its own clinician directory; the sender's practitioner roles are not imported.",
  Organization: 'The sending organization is not imported.',
  Encounter: "Visits are Portico's own; encounters from other systems are not imported.",
  Condition: 'Portico does not keep a problem list yet; conditions are not imported.',
  MedicationRequest: 'Prescriptions are managed in Portico; medication requests in a results bundle are not imported.',
  Specimen: 'Specimen details are not kept; the results that name them are.',
  Provenance: 'Portico records its own provenance for imported results.',
};

/**
 * A Patient entry in a results bundle. It must be the patient the import is for, known by their
 * MRN (any identifier whose value is that MRN) or by Portico's own id; anything else is refused,
 * so results are never filed to the wrong person. Returns the references that now stand for the
 * patient: the entry's fullUrl (often `urn:uuid:...`) and `Patient/<its id>`.
 */
export function readPatientEntry(
  e: Entry,
  fullUrl: string | null,
  target: { id: string; mrn: string },
  p: Problems,
): string[] {
  const r = e.resource;
  const ids = Array.isArray(r['identifier']) ? r['identifier'].filter(isObject) : [];
  const values = ids.map((i) => i['value']).filter((v): v is string => typeof v === 'string');
  const mrns = values.flatMap((v) => {
    const parsed = parseMrn(v);
    return parsed.ok ? [parsed.mrn] : [];
  });
  const isMrnTyped = (i: Record<string, unknown>) =>
    isObject(i['type']) &&
    Array.isArray(i['type']['coding']) &&
    i['type']['coding'].some((c: unknown) => isObject(c) && c['code'] === 'MR');
  const typedMrns = ids.filter(isMrnTyped).map((i) => i['value']);
  const matchesMrn = mrns.includes(target.mrn);
  const matchesId = r['id'] === target.id;
  if (typedMrns.length > 0 && !matchesMrn) {
    p.add(`${e.path}.identifier`, "This Patient's MRN is not the MRN of the patient these results are for.");
    return [];
  }
  if (!matchesMrn && !matchesId) {
    p.add(
      `${e.path}.identifier`,
      'Cannot tell this Patient is the patient these results are for: give their MRN as an identifier.',
    );
    return [];
  }
  return [...(fullUrl ? [fullUrl] : []), ...(typeof r['id'] === 'string' ? [`Patient/${r['id']}`] : [])];
}
