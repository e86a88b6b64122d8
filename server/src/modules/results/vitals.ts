import type { VitalSeries } from '@portico/contracts';
import type { VitalKind } from '../../db/schema.js';

export type { VitalKind } from '../../db/schema.js';

/** What one kind of vital sign is: its LOINC codes, UCUM unit and US Core profile. */
export interface VitalDefinition {
  kind: VitalKind;
  /** The LOINC codes of the Observation (the first is the one the portal and the trend use). */
  codes: readonly { code: string; display: string }[];
  /** UCUM, as FHIR wants it; `label` is how people write it. */
  unit: { code: string; label: string };
  /** US Core 6.1 profile name (StructureDefinition/<profile>). */
  profile: string;
  /** For a blood pressure: the systolic and diastolic components (value, value2). */
  components?: readonly [{ code: string; display: string }, { code: string; display: string }];
}

/** A vital sign measured by one LOINC code, with the US Core profile named after its kind. */
function single(kind: VitalKind, code: string, display: string, unit: string, label: string): VitalDefinition {
  return { kind, codes: [{ code, display }], unit: { code: unit, label }, profile: `us-core-${kind}` };
}

/**
 * Every kind of vital sign Portico keeps, in the portal's order; the kind fixes code and unit
 * (migration 0032).
 */
export const VITAL_SIGNS: Readonly<Record<VitalKind, VitalDefinition>> = {
  'blood-pressure': {
    ...single('blood-pressure', '85354-9', 'Blood pressure panel with all children optional', 'mm[Hg]', 'mmHg'),
    components: [
      { code: '8480-6', display: 'Systolic blood pressure' },
      { code: '8462-4', display: 'Diastolic blood pressure' },
    ],
  },
  'heart-rate': single('heart-rate', '8867-4', 'Heart rate', '/min', '/min'),
  'respiratory-rate': single('respiratory-rate', '9279-1', 'Respiratory rate', '/min', '/min'),
  'body-temperature': single('body-temperature', '8310-5', 'Body temperature', 'Cel', '°C'),
  'oxygen-saturation': {
    kind: 'oxygen-saturation',
    codes: [
      { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
      { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
    ],
    unit: { code: '%', label: '%' },
    profile: 'us-core-pulse-oximetry',
  },
  'body-weight': single('body-weight', '29463-7', 'Body weight', 'kg', 'kg'),
  'body-height': single('body-height', '8302-2', 'Body height', 'cm', 'cm'),
  bmi: single('bmi', '39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 'kg/m²'),
};

/** The kinds in the portal's order. */
export const VITAL_KINDS = Object.keys(VITAL_SIGNS) as VitalKind[];

/** Readings (oldest first) as one series per kind, in the portal's order of kinds. */
export function toVitals(
  rows: readonly { kind: VitalKind; value: number; value2: number | null; effective_at: Date }[],
): VitalSeries[] {
  return VITAL_KINDS.map((kind) => ({
    kind,
    unit: VITAL_SIGNS[kind].unit.code,
    points: rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ effectiveAt: r.effective_at.toISOString(), value: r.value, value2: r.value2 })),
  })).filter((s) => s.points.length > 0);
}
