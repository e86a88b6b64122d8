import type { FieldError } from '@portico/contracts';
import { CODE_PATTERN } from './model.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem found in one bundle, each with its JSON path (e.g. `entry[2].resource.code`). */
export class Problems {
  readonly list: FieldError[] = [];
  static readonly MAX = 200;

  add(field: string, message: string): void {
    if (this.list.length < Problems.MAX) this.list.push({ field, message });
  }

  get count(): number {
    return this.list.length;
  }
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d))?$/;

/**
 * A FHIR dateTime or instant with at least a full date. A date alone is read as noon UTC so it
 * shows as the same calendar day in every American time zone.
 */
export function readDateTime(v: unknown, path: string, p: Problems, required: boolean): Date | null {
  if (v === undefined) {
    if (required) p.add(path, 'This date is required.');
    return null;
  }
  const m = typeof v === 'string' ? DATE_TIME.exec(v) : null;
  if (!m || (m[4] !== undefined && m[7] === undefined)) {
    p.add(path, 'Write the date as YYYY-MM-DD, or a time with its zone, e.g. 2025-03-04T09:30:00-05:00.');
    return null;
  }
  const text = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T12:00:00Z` : String(v);
  const at = new Date(text);
  const sameDay =
    new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`).toISOString().slice(0, 10) === `${m[1]}-${m[2]}-${m[3]}`;
  if (!Number.isFinite(at.getTime()) || !sameDay || at.getUTCFullYear() < 1900) {
    p.add(path, 'This is not a real date.');
    return null;
  }
  return at;
}

/** A code and a readable name from a CodeableConcept: the first coding with a code, and its text. */
export function readConcept(v: unknown, path: string, p: Problems): { code: string; name: string } | null {
  if (!isObject(v)) {
    p.add(path, 'A code is required: a CodeableConcept with a coding (e.g. a LOINC code) and text.');
    return null;
  }
  const codings = Array.isArray(v['coding']) ? v['coding'].filter(isObject) : [];
  const coding = codings.find((c) => typeof c['code'] === 'string');
  const code = coding ? String(coding['code']) : '';
  const text = typeof v['text'] === 'string' ? v['text'].trim() : '';
  const display = coding && typeof coding['display'] === 'string' ? coding['display'].trim() : '';
  const name = text || display;
  let ok = true;
  if (!coding) {
    p.add(`${path}.coding`, 'Give at least one coding with a code (e.g. LOINC 4548-4).');
    ok = false;
  } else if (!CODE_PATTERN.test(code)) {
    p.add(`${path}.coding[${codings.indexOf(coding)}].code`, `"${code.slice(0, 40)}" is not a valid code.`);
    ok = false;
  }
  if (!name) {
    p.add(`${path}.text`, 'Give the name people read (code.text or coding.display).');
    ok = false;
  } else if (name.length > 200) {
    p.add(`${path}.text`, 'The name is longer than 200 characters.');
    ok = false;
  }
  return ok ? { code, name } : null;
}

/** The codes of every coding in a list of CodeableConcepts (for category and interpretation). */
export function codesOf(v: unknown): string[] {
  const concepts = Array.isArray(v) ? v : [v];
  return concepts.filter(isObject).flatMap((c) => {
    const codings = Array.isArray(c['coding']) ? c['coding'].filter(isObject) : [];
    return codings.map((x) => x['code']).filter((x): x is string => typeof x === 'string');
  });
}

/** A Quantity's number and unit (unit display, else its UCUM code). */
export function readQuantity(
  v: unknown,
  path: string,
  p: Problems,
): { value: number; unit: string | null; comparator: string | null } | null {
  if (!isObject(v)) {
    p.add(path, 'Must be a Quantity: a number with its unit.');
    return null;
  }
  const value = v['value'];
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) >= 1e12) {
    p.add(`${path}.value`, 'Must be a number.');
    return null;
  }
  const unitRaw = typeof v['unit'] === 'string' && v['unit'].trim() ? v['unit'] : v['code'];
  const unit = typeof unitRaw === 'string' && unitRaw.trim() ? unitRaw.trim() : null;
  const comparator = typeof v['comparator'] === 'string' ? v['comparator'] : null;
  if (comparator !== null && !['<', '<=', '>=', '>'].includes(comparator)) {
    p.add(`${path}.comparator`, 'Must be <, <=, >= or >.');
    return null;
  }
  return { value, unit, comparator };
}

export const STATUSES = ['preliminary', 'final', 'amended', 'corrected'] as const;
export type StoredStatus = (typeof STATUSES)[number];

export function readStatus(v: unknown, path: string, p: Problems): StoredStatus | null {
  const found = STATUSES.find((s) => s === v);
  if (!found) {
    p.add(
      path,
      typeof v === 'string'
        ? `Status "${v.slice(0, 40)}" cannot be imported; use final, amended, corrected or preliminary.`
        : 'The status is required (final, amended, corrected or preliminary).',
    );
    return null;
  }
  return found;
}
