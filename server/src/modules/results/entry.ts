import type { FieldError, NewResultBody } from '@portico/contracts';
import type { NewReportData } from './model.js';
import { interpret } from './rules.js';
import { isKnownUnit } from './units.js';

/**
 * Checks a result a clinician typed in and turns it into a report to store, or lists every
 * field that needs attention (paths like `observations.2.unit`, as the web form names them).
 */
export function readEntry(body: NewResultBody, now: Date): { report: NewReportData } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const name = body.name.trim();
  if (!name) add('name', 'Give the test a name.');
  const effectiveAt = new Date(body.effectiveAt);
  if (effectiveAt.getTime() > now.getTime() + 5 * 60_000) add('effectiveAt', 'The collection time is in the future.');
  const conclusion = body.conclusion?.trim() || null;
  if (body.category === 'lab' && body.observations.length === 0) {
    add('observations', 'A lab result needs at least one value.');
  }
  if (body.category !== 'lab' && body.observations.length === 0 && !conclusion) {
    add('conclusion', 'Write the report, or add values.');
  }
  const codes = new Set<string>();
  const observations = body.observations.map((o, i) => {
    const at = (field: string) => `observations.${i}.${field}`;
    const hasNumber = o.value !== undefined;
    const text = o.valueText?.trim() || null;
    if (!o.name.trim()) add(at('name'), 'Give the analyte a name.');
    if (codes.has(o.code)) add(at('code'), `"${o.code}" is already in this result.`);
    codes.add(o.code);
    if (hasNumber === (text !== null)) add(at('value'), 'Give a number or a text value (one of them).');
    if (hasNumber && !Number.isFinite(o.value)) add(at('value'), 'Must be a number.');
    if (hasNumber && !o.unit?.trim()) add(at('unit'), 'A number needs its unit, e.g. "mg/dL".');
    if (o.unit?.trim() && !isKnownUnit(o.unit)) {
      add(at('unit'), `"${o.unit.trim()}" is not a unit Portico knows; use a UCUM unit such as mg/dL.`);
    }
    if (o.low !== undefined && o.high !== undefined && o.low > o.high) {
      add(at('low'), 'The low end of the range is above the high end.');
    }
    const value = hasNumber ? (o.value ?? null) : null;
    const low = o.low ?? null;
    const high = o.high ?? null;
    return {
      code: o.code,
      name: o.name.trim(),
      value,
      valueText: hasNumber ? null : text,
      dataAbsentReason: null,
      unit: o.unit?.trim() || null,
      low,
      high,
      rangeText: o.rangeText?.trim() || null,
      flag: interpret(value, low, high, o.flag ?? null),
      effectiveAt,
    };
  });
  if (problems.length > 0) return { problems };
  return {
    report: {
      code: body.code,
      name,
      category: body.category,
      status: body.status ?? 'final',
      effectiveAt,
      issuedAt: now < effectiveAt ? effectiveAt : now,
      conclusion,
      comment: body.comment?.trim() || null,
      externalId: null,
      observations,
    },
  };
}
