import type { TFunction } from 'i18next';
import type { VitalKind, VitalPoint } from '@portico/contracts';
import { formatNumber } from './format';

/** Decimal places each kind is written with (37.1 °C, 79.3 kg, BMI 29.8; pressures and rates whole). */
const PLACES: Record<VitalKind, number> = {
  'blood-pressure': 0,
  'heart-rate': 0,
  'respiratory-rate': 0,
  'body-temperature': 1,
  'oxygen-saturation': 0,
  'body-weight': 1,
  'body-height': 0,
  bmi: 1,
};

export const placesOf = (kind: VitalKind): number => PLACES[kind];

/** One reading as people write it: "127/79 mmHg", "72 beats a minute", "36.7 °C". */
export function vitalText(t: TFunction, kind: VitalKind, p: VitalPoint, locale: string): string {
  const f = (v: number) => formatNumber(v, locale, PLACES[kind]);
  return kind === 'blood-pressure'
    ? t('results.vitals.value.blood-pressure', { systolic: f(p.value), diastolic: f(p.value2 ?? 0) })
    : t(`results.vitals.value.${kind}`, { value: f(p.value) });
}
