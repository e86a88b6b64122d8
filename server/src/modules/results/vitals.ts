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

/** Every kind of vital sign Portico keeps; the kind fixes code and unit (migration 0032). */
export const VITAL_SIGNS: Readonly<Record<VitalKind, VitalDefinition>> = {
  'blood-pressure': {
    kind: 'blood-pressure',
    codes: [{ code: '85354-9', display: 'Blood pressure panel with all children optional' }],
    unit: { code: 'mm[Hg]', label: 'mmHg' },
    profile: 'us-core-blood-pressure',
    components: [
      { code: '8480-6', display: 'Systolic blood pressure' },
      { code: '8462-4', display: 'Diastolic blood pressure' },
    ],
  },
  'heart-rate': {
    kind: 'heart-rate',
    codes: [{ code: '8867-4', display: 'Heart rate' }],
    unit: { code: '/min', label: '/min' },
    profile: 'us-core-heart-rate',
  },
  'respiratory-rate': {
    kind: 'respiratory-rate',
    codes: [{ code: '9279-1', display: 'Respiratory rate' }],
    unit: { code: '/min', label: '/min' },
    profile: 'us-core-respiratory-rate',
  },
  'body-temperature': {
    kind: 'body-temperature',
    codes: [{ code: '8310-5', display: 'Body temperature' }],
    unit: { code: 'Cel', label: '°C' },
    profile: 'us-core-body-temperature',
  },
  'body-weight': {
    kind: 'body-weight',
    codes: [{ code: '29463-7', display: 'Body weight' }],
    unit: { code: 'kg', label: 'kg' },
    profile: 'us-core-body-weight',
  },
  'body-height': {
    kind: 'body-height',
    codes: [{ code: '8302-2', display: 'Body height' }],
    unit: { code: 'cm', label: 'cm' },
    profile: 'us-core-body-height',
  },
  bmi: {
    kind: 'bmi',
    codes: [{ code: '39156-5', display: 'Body mass index (BMI) [Ratio]' }],
    unit: { code: 'kg/m2', label: 'kg/m²' },
    profile: 'us-core-bmi',
  },
  'oxygen-saturation': {
    kind: 'oxygen-saturation',
    codes: [
      { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
      { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
    ],
    unit: { code: '%', label: '%' },
    profile: 'us-core-pulse-oximetry',
  },
};

export const VITAL_KINDS = Object.keys(VITAL_SIGNS) as VitalKind[];

/** Readings (oldest first) as one series per kind, in the portal's order of kinds. */
export function toVitals(
  rows: readonly { kind: VitalKind; value: number; value2: number | null; effective_at: Date }[],
): VitalSeries[] {
  const order: VitalKind[] = [
    'blood-pressure',
    'heart-rate',
    'respiratory-rate',
    'body-temperature',
    'oxygen-saturation',
    'body-weight',
    'body-height',
    'bmi',
  ];
  return order
    .map((kind) => ({
      kind,
      unit: VITAL_SIGNS[kind].unit.code,
      points: rows
        .filter((r) => r.kind === kind)
        .map((r) => ({ effectiveAt: r.effective_at.toISOString(), value: r.value, value2: r.value2 })),
    }))
    .filter((s) => s.points.length > 0);
}
