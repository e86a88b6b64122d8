import { VITAL_SIGNS, type VitalKind, type VitalRow } from '../results/index.js';
import { instant, LOINC, meta, OBS_CATEGORY, ref, UCUM, type Resource } from './resource.js';

export const VITAL_SIGNS_CATEGORY = {
  coding: [{ system: OBS_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }],
  text: 'Vital Signs',
};

/** The Observation.code of one kind of vital sign (LOINC; pulse oximetry carries two codes). */
export function vitalCode(kind: VitalKind): Record<string, unknown> {
  const def = VITAL_SIGNS[kind];
  return {
    coding: def.codes.map((c) => ({ system: LOINC, code: c.code, display: c.display })),
    text: def.codes[0]?.display ?? kind,
  };
}

function quantity(value: number, kind: VitalKind): Record<string, unknown> {
  const { unit } = VITAL_SIGNS[kind];
  return { value, unit: unit.label, system: UCUM, code: unit.code };
}

/** A vital sign as a US Core 6.1 vital-signs Observation (blood pressure: two components). */
export function vitalObservation(v: VitalRow, patientId: string): Resource {
  const def = VITAL_SIGNS[v.kind];
  const [systolic, diastolic] = def.components ?? [];
  return {
    resourceType: 'Observation',
    id: v.id,
    meta: meta(def.profile, v.created_at),
    status: v.status,
    category: [VITAL_SIGNS_CATEGORY],
    code: vitalCode(v.kind),
    subject: ref('Patient', patientId),
    ...(v.encounter_id ? { encounter: ref('Encounter', v.encounter_id) } : {}),
    effectiveDateTime: instant(v.effective_at),
    issued: instant(v.created_at),
    ...(systolic && diastolic && v.value2 !== null
      ? {
          component: [
            {
              code: { coding: [{ system: LOINC, ...systolic }], text: systolic.display },
              valueQuantity: quantity(v.value, v.kind),
            },
            {
              code: { coding: [{ system: LOINC, ...diastolic }], text: diastolic.display },
              valueQuantity: quantity(v.value2, v.kind),
            },
          ],
        }
      : { valueQuantity: quantity(v.value, v.kind) }),
  };
}
