import type { ResultCategory } from '../../db/schema.js';
import type { MedicationRow, ObservationRow, ReportRow } from './repository.js';
import {
  clinicianName,
  DATA_ABSENT,
  fhirDate,
  instant,
  INTERPRETATION,
  LOINC,
  meta,
  OBS_CATEGORY,
  PROVENANCE_AGENT,
  ref,
  RXNORM,
  UCUM,
  V2_0074,
  type Resource,
} from './resource.js';

const INTERPRETATION_NAMES: Record<string, string> = {
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
  A: 'Abnormal',
  N: 'Normal',
};

const SECTION: Record<string, { code: string; display: string }> = {
  lab: { code: 'LAB', display: 'Laboratory' },
  imaging: { code: 'RAD', display: 'Radiology' },
  pathology: { code: 'PAT', display: 'Pathology (gross & histopath, not surgical)' },
};

/** LOINC codes look like 2345-7; anything else is a local code and carries no LOINC system. */
const isLoinc = (code: string): boolean => /^\d{1,7}-\d$/.test(code);

export function codeOf(code: string, name: string): Record<string, unknown> {
  return {
    coding: [isLoinc(code) ? { system: LOINC, code, display: name } : { system: 'urn:portico:local-code', code }],
    text: name,
  };
}

/** UCUM writes "10*3/uL" where labs print "K/uL"; Portico stores the UCUM form it validated. */
function quantity(value: number, unit: string): Record<string, unknown> {
  return { value, unit, system: UCUM, code: unit };
}

/** Observation.category of a result of one category. */
export function observationCategory(category: ResultCategory): Record<string, unknown> {
  return {
    coding: [
      category === 'lab'
        ? { system: OBS_CATEGORY, code: 'laboratory', display: 'Laboratory' }
        : category === 'imaging'
          ? { system: OBS_CATEGORY, code: 'imaging', display: 'Imaging' }
          : { system: OBS_CATEGORY, code: 'procedure', display: 'Procedure' },
    ],
  };
}

/** DiagnosticReport.category of a report of one category. */
export function reportCategory(category: ResultCategory): Record<string, unknown> {
  const section = SECTION[category] ?? { code: 'OTH', display: 'Other' };
  return {
    coding: [
      { system: V2_0074, code: section.code, display: section.display },
      ...(category === 'lab' ? [] : [{ system: LOINC, code: category === 'imaging' ? 'LP29684-5' : 'LP7839-6' }]),
    ],
  };
}

/** A lab Observation (US Core Laboratory Result Observation). */
export function observation(o: ObservationRow, patientId: string): Resource {
  const range =
    o.ref_low !== null || o.ref_high !== null || o.ref_text !== null
      ? [
          {
            ...(o.ref_low !== null && o.unit ? { low: quantity(o.ref_low, o.unit) } : {}),
            ...(o.ref_high !== null && o.unit ? { high: quantity(o.ref_high, o.unit) } : {}),
            ...(o.ref_text !== null || !o.unit ? { text: o.ref_text ?? rangeText(o.ref_low, o.ref_high) } : {}),
          },
        ]
      : undefined;
  const absent = o.data_absent_reason;
  return {
    resourceType: 'Observation',
    id: o.id,
    meta: meta(o.category === 'lab' ? 'us-core-observation-lab' : 'us-core-observation-clinical-result', o.issued_at),
    status: o.status,
    category: [observationCategory(o.category)],
    code: codeOf(o.code, o.name),
    subject: ref('Patient', patientId),
    effectiveDateTime: instant(o.effective_at),
    issued: instant(o.issued_at),
    ...(o.value_numeric !== null && o.unit
      ? { valueQuantity: quantity(o.value_numeric, o.unit) }
      : o.value_text !== null
        ? { valueString: o.value_text }
        : {}),
    ...(absent
      ? { dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: 'error', display: 'Error' }], text: absent } }
      : {}),
    ...(o.interpretation
      ? {
          interpretation: [
            {
              coding: [
                {
                  system: INTERPRETATION,
                  code: o.interpretation,
                  display: INTERPRETATION_NAMES[o.interpretation] ?? o.interpretation,
                },
              ],
            },
          ],
        }
      : {}),
    ...(range ? { referenceRange: range } : {}),
  };
}

function rangeText(low: number | null, high: number | null): string {
  if (low !== null && high !== null) return `${low}-${high}`;
  if (low !== null) return `>=${low}`;
  return `<=${high ?? ''}`;
}

/** A DiagnosticReport: US Core Laboratory Result Report, or Report and Note for imaging and pathology. */
export function diagnosticReport(r: ReportRow, patientId: string, resultIds: readonly string[]): Resource {
  const lab = r.category === 'lab';
  const ordered = clinicianName(r.clinician_given, r.clinician_family);
  return {
    resourceType: 'DiagnosticReport',
    id: r.id,
    meta: meta(lab ? 'us-core-diagnosticreport-lab' : 'us-core-diagnosticreport-note', r.issued_at),
    status: r.status,
    category: [reportCategory(r.category)],
    code: codeOf(r.code, r.name),
    subject: ref('Patient', patientId),
    effectiveDateTime: instant(r.effective_at),
    issued: instant(r.issued_at),
    performer: [ref('Organization', r.organization_id)],
    ...(r.ordering_clinician_id && ordered
      ? { resultsInterpreter: [ref('Practitioner', r.ordering_clinician_id, ordered)] }
      : {}),
    ...(resultIds.length ? { result: resultIds.map((id) => ref('Observation', id)) } : {}),
    ...(r.conclusion ? { conclusion: r.conclusion } : {}),
    presentedForm: [{ contentType: 'text/plain', url: `Binary/${r.id}`, title: r.name }],
  };
}

/** Who stands behind a result: the organization that reported it (US Core Provenance). */
export function provenance(r: ReportRow): Resource {
  return {
    resourceType: 'Provenance',
    id: r.id,
    meta: meta('us-core-provenance', r.issued_at),
    target: [ref('DiagnosticReport', r.id)],
    recorded: instant(r.created_at),
    agent: [
      {
        type: { coding: [{ system: PROVENANCE_AGENT, code: 'author', display: 'Author' }] },
        who: ref('Organization', r.organization_id),
      },
    ],
  };
}

/** RxNorm clinical drugs for the medications Portico's demo prescribes (name + label strength). */
const RXNORM_CODES: Record<string, { code: string; display: string }> = {
  'lisinopril|10 mg tablet': { code: '314076', display: 'lisinopril 10 MG Oral Tablet' },
  'atorvastatin|20 mg tablet': { code: '617310', display: 'atorvastatin 20 MG Oral Tablet' },
  'metformin|500 mg tablet': { code: '861007', display: 'metformin hydrochloride 500 MG Oral Tablet' },
  'amlodipine|5 mg tablet': { code: '197361', display: 'amlodipine 5 MG Oral Tablet' },
  'zolpidem|5 mg tablet': { code: '854873', display: 'zolpidem tartrate 5 MG Oral Tablet' },
  'hydrochlorothiazide|12.5 mg capsule': { code: '199903', display: 'hydrochlorothiazide 12.5 MG Oral Capsule' },
};

export function rxnormFor(name: string, strength: string): { code: string; display: string } | undefined {
  return RXNORM_CODES[`${name.trim().toLowerCase()}|${strength.trim().toLowerCase()}`];
}

/** The drug of one prescription, as its own Medication (same id as the MedicationRequest). */
export function medication(m: MedicationRow): Resource {
  const rx = rxnormFor(m.medication_name, m.strength);
  return {
    resourceType: 'Medication',
    id: m.id,
    meta: meta('us-core-medication', m.created_at),
    code: {
      ...(rx ? { coding: [{ system: RXNORM, code: rx.code, display: rx.display }] } : {}),
      text: `${m.medication_name} ${m.strength}`,
    },
  };
}

const MED_STATUS: Record<string, string> = {
  active: 'active',
  'on-hold': 'on-hold',
  stopped: 'stopped',
  completed: 'completed',
};

export function medicationRequest(m: MedicationRow, patientId: string): Resource {
  return {
    resourceType: 'MedicationRequest',
    id: m.id,
    meta: meta('us-core-medicationrequest', m.created_at),
    status: MED_STATUS[m.status] ?? 'unknown',
    intent: 'order',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
            code: 'community',
            display: 'Community',
          },
        ],
      },
    ],
    reportedBoolean: false,
    medicationReference: ref('Medication', m.id, `${m.medication_name} ${m.strength}`),
    subject: ref('Patient', patientId),
    authoredOn: fhirDate(m.started_on),
    requester: ref('Practitioner', m.prescriber_id),
    dosageInstruction: [{ text: m.directions }],
    dispenseRequest: {
      numberOfRepeatsAllowed: m.refills_authorized,
      quantity: { value: m.quantity, unit: m.quantity_unit },
      ...(m.days_supply
        ? { expectedSupplyDuration: { value: m.days_supply, unit: 'days', system: UCUM, code: 'd' } }
        : {}),
    },
  };
}
