import type { Interpretation } from '@portico/contracts';
import type { NewObservationData } from './model.js';
import { interpret } from './rules.js';
import { isKnownUnit, sameUnit } from './units.js';
import {
  codesOf,
  isObject,
  type Problems,
  readConcept,
  readDateTime,
  readQuantity,
  readStatus,
  type Json,
} from './fhir-types.js';

const INTERPRETATIONS: readonly Interpretation[] = ['H', 'L', 'HH', 'LL', 'A', 'N'];

export interface ParsedObservation extends Omit<NewObservationData, 'effectiveAt'> {
  effectiveAt: Date | null;
}

/** A panel (an Observation grouping others through hasMember): its members are the values. */
export interface ParsedPanel {
  panel: true;
  /** The references in hasMember, as written. */
  members: string[];
}

/** The reason a value is missing, as people read it: the text, else the coding's display or code. */
function absentReason(v: unknown): string | null {
  if (!isObject(v)) return null;
  const codings = Array.isArray(v['coding']) ? v['coding'].filter(isObject) : [];
  const text = typeof v['text'] === 'string' ? v['text'].trim() : '';
  const display = codings
    .map((c) => c['display'] ?? c['code'])
    .find((x): x is string => typeof x === 'string' && !!x.trim());
  const reason = text || display?.trim() || '';
  return reason ? reason.slice(0, 200) : null;
}

/** A CodeableConcept value as text: its text, else its first coding's display, else its code. */
function conceptText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (!isObject(v)) return '';
  if (typeof v['text'] === 'string' && v['text'].trim()) return v['text'].trim();
  const codings = Array.isArray(v['coding']) ? v['coding'].filter(isObject) : [];
  const found = codings
    .map((c) => c['display'] ?? c['code'])
    .find((x): x is string => typeof x === 'string' && !!x.trim());
  return found?.trim() ?? '';
}

/** A panel Observation's hasMember references, or null when it is an ordinary one. */
export function readPanel(e: Entry, p: Problems): ParsedPanel | null {
  const members = e.resource['hasMember'];
  if (members === undefined) return null;
  const refs: string[] = [];
  if (!Array.isArray(members) || members.length === 0) {
    p.add(`${e.path}.hasMember`, 'hasMember must list references to Observations.');
    return { panel: true, members: refs };
  }
  members.forEach((m: unknown, i) => {
    const r = isObject(m) ? m['reference'] : undefined;
    if (typeof r === 'string' && r) refs.push(r);
    else p.add(`${e.path}.hasMember[${i}].reference`, 'Each member needs a reference to an Observation.');
  });
  readStatus(e.resource['status'], `${e.path}.status`, p);
  readConcept(e.resource['code'], `${e.path}.code`, p);
  return { panel: true, members: refs };
}

export interface Entry {
  index: number;
  path: string;
  resource: Json;
}

/** One Observation's code, value, range and flag; null (with problems added) when it is unusable. */
export function readObservation(e: Entry, p: Problems, now: Date): ParsedObservation | null {
  const r = e.resource;
  const before = p.count;
  readStatus(r['status'], `${e.path}.status`, p);
  const concept = readConcept(r['code'], `${e.path}.code`, p);
  const effectiveAt =
    r['effectiveDateTime'] === undefined
      ? null
      : readDateTime(r['effectiveDateTime'], `${e.path}.effectiveDateTime`, p, true);
  if (effectiveAt && effectiveAt.getTime() > now.getTime() + 5 * 60_000) {
    p.add(`${e.path}.effectiveDateTime`, 'This is in the future.');
  }
  const valueKeys = Object.keys(r).filter((k) => k.startsWith('value') && r[k] !== undefined);
  let value: number | null = null;
  let valueText: string | null = null;
  let unit: string | null = null;
  const absent = r['dataAbsentReason'] === undefined ? null : absentReason(r['dataAbsentReason']);
  if (r['dataAbsentReason'] !== undefined && !absent) {
    p.add(`${e.path}.dataAbsentReason`, 'Say why there is no value: a coding or text.');
  }
  if (r['dataAbsentReason'] !== undefined && valueKeys.length > 0) {
    p.add(`${e.path}.dataAbsentReason`, 'An Observation with a value cannot also say its value is absent.');
  } else if (r['dataAbsentReason'] !== undefined) {
    // No value, and the lab says why ("specimen hemolyzed"): kept and shown as such.
  } else if (valueKeys.length !== 1) {
    p.add(
      valueKeys.length === 0 ? e.path : `${e.path}.${valueKeys[1] ?? 'value'}`,
      valueKeys.length === 0
        ? 'Needs a value (valueQuantity, valueString or valueCodeableConcept) or a dataAbsentReason.'
        : 'Give one value only.',
    );
  } else if (valueKeys[0] === 'valueQuantity') {
    const q = readQuantity(r['valueQuantity'], `${e.path}.valueQuantity`, p);
    if (q && !q.unit) p.add(`${e.path}.valueQuantity.unit`, 'A number needs its unit, e.g. "mg/dL".');
    else if (q?.unit && !isKnownUnit(q.unit)) {
      p.add(
        `${e.path}.valueQuantity.unit`,
        `"${q.unit.slice(0, 30)}" is not a unit Portico knows; use a UCUM unit such as mg/dL.`,
      );
    } else if (q?.unit) {
      unit = q.unit;
      // "<0.1": a bound, not a value to chart; kept as text beside its unit.
      if (q.comparator) valueText = `${q.comparator}${q.value}`;
      else value = q.value;
    }
  } else if (valueKeys[0] === 'valueString' || valueKeys[0] === 'valueCodeableConcept') {
    const text = conceptText(r[valueKeys[0]]);
    if (!text || text.length > 2000) p.add(`${e.path}.${valueKeys[0]}`, 'Must be text of 1 to 2,000 characters.');
    else valueText = text;
  } else {
    p.add(`${e.path}.${valueKeys[0]}`, 'Use valueQuantity (a number with its unit) or valueString.');
  }
  const range = readRange(r['referenceRange'], `${e.path}.referenceRange[0]`, unit, p);
  const codes = r['interpretation'] === undefined ? [] : codesOf(r['interpretation']);
  const given = INTERPRETATIONS.find((i) => i === codes[0]) ?? null;
  if (r['interpretation'] !== undefined && !given) {
    p.add(`${e.path}.interpretation`, 'Use an interpretation code H, L, HH, LL, A or N.');
  }
  if (p.count > before || !concept) return null;
  return {
    code: concept.code,
    name: concept.name,
    value,
    valueText,
    dataAbsentReason: absent,
    unit,
    ...range,
    flag: interpret(value, range.low, range.high, given),
    effectiveAt,
  };
}

function readRange(
  v: unknown,
  path: string,
  unit: string | null,
  p: Problems,
): { low: number | null; high: number | null; rangeText: string | null } {
  const none = { low: null, high: null, rangeText: null };
  if (v === undefined) return none;
  const first: unknown = Array.isArray(v) ? v[0] : undefined;
  if (!isObject(first)) {
    p.add(path, 'referenceRange must be a list of ranges with low, high or text.');
    return none;
  }
  const bound = (key: 'low' | 'high'): number | null => {
    if (first[key] === undefined) return null;
    const q = readQuantity(first[key], `${path}.${key}`, p);
    if (q?.unit && unit && !sameUnit(q.unit, unit)) {
      p.add(`${path}.${key}.unit`, `The range is in ${q.unit.slice(0, 30)} but the value is in ${unit}.`);
    }
    return q ? q.value : null;
  };
  const low = bound('low');
  const high = bound('high');
  const text = typeof first['text'] === 'string' && first['text'].trim() ? first['text'].trim().slice(0, 100) : null;
  if (low !== null && high !== null && low > high) p.add(`${path}`, 'The low end of the range is above the high end.');
  return { low, high, rangeText: text };
}
