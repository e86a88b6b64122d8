/**
 * Units Portico accepts for numeric results: UCUM codes and the display forms labs commonly
 * send. A number in a unit outside this list is refused (it could not be charted or compared
 * safely), with a message naming the unit.
 */
const UNITS = [
  '%',
  'g',
  'kg',
  'cm',
  'kg/m2',
  'g/dL',
  'g/L',
  'mg/dL',
  'mg/L',
  'mg/g',
  'mg/mmol',
  'mg/24h',
  'ug/dL',
  'ug/L',
  'ug/mL',
  'ng/mL',
  'ng/dL',
  'pg/mL',
  'pg',
  'fL',
  'mmol/L',
  'umol/L',
  'nmol/L',
  'pmol/L',
  'mEq/L',
  'mOsm/kg',
  'U/L',
  'IU/L',
  'IU/mL',
  'mIU/L',
  'mIU/mL',
  'uIU/mL',
  'U/mL',
  '10*3/uL',
  '10*6/uL',
  '10*9/L',
  '10*12/L',
  'K/uL',
  'M/uL',
  '/uL',
  'cells/uL',
  '/[HPF]',
  '/[LPF]',
  'mL/min/1.73m2',
  'mL/min/{1.73_m2}',
  'mL/min',
  's',
  'sec',
  'min',
  'mm/h',
  'mm[Hg]',
  'mmHg',
  '{ratio}',
  'ratio',
  '{INR}',
  'INR',
  '1',
  'copies/mL',
  '[IU]/L',
  '[IU]/mL',
  'Cel',
  '[degF]',
  '/min',
  '{beats}/min',
] as const;

const normalize = (unit: string): string => unit.trim().replace(/[µμ]/g, 'u').toLowerCase();
const KNOWN = new Set(UNITS.map(normalize));

/** Whether a numeric result's unit is one Portico understands. */
export function isKnownUnit(unit: string): boolean {
  return KNOWN.has(normalize(unit));
}

/** Whether two spellings name the same unit (e.g. "µmol/L" and "umol/L"). */
export function sameUnit(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}
