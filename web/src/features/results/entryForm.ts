import type { NewObservation, NewResultBody, ResultCategory } from '@portico/contracts';

export interface EntryRow {
  key: number;
  name: string;
  code: string;
  value: string;
  unit: string;
  low: string;
  high: string;
}

export interface EntryValues {
  category: ResultCategory;
  name: string;
  code: string;
  effectiveAt: string;
  conclusion: string;
  comment: string;
}

export const ROW_FIELDS = ['name', 'code', 'value', 'unit', 'low', 'high'] as const;
export type RowField = (typeof ROW_FIELDS)[number];
export const rowFieldName = (index: number, field: RowField) => `obs-${index}-${field}`;

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const toNumber = (s: string) => Number(s.trim().replace(',', '.'));

/** Client-side checks; message keys by field name (`obs-0-unit` for a row's field). */
export function checkEntry(values: EntryValues, rows: readonly EntryRow[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!values.name.trim()) problems['name'] = 'results.enter.errors.name';
  if (!CODE.test(values.code.trim())) problems['code'] = 'results.enter.errors.code';
  if (!values.effectiveAt || !Number.isFinite(Date.parse(values.effectiveAt))) {
    problems['effectiveAt'] = 'results.enter.errors.effectiveAt';
  }
  if (values.category === 'lab' && rows.length === 0) problems['observations'] = 'results.enter.errors.noValues';
  if (values.category !== 'lab' && rows.length === 0 && !values.conclusion.trim()) {
    problems['conclusion'] = 'results.enter.errors.conclusion';
  }
  rows.forEach((row, i) => {
    const at = (f: RowField) => rowFieldName(i, f);
    if (!row.name.trim()) problems[at('name')] = 'results.enter.errors.rowName';
    if (!CODE.test(row.code.trim())) problems[at('code')] = 'results.enter.errors.code';
    if (!row.value.trim()) problems[at('value')] = 'results.enter.errors.value';
    if (NUMBER.test(row.value.trim()) && !row.unit.trim()) problems[at('unit')] = 'results.enter.errors.unit';
    for (const f of ['low', 'high'] as const) {
      if (row[f].trim() && !NUMBER.test(row[f].trim())) problems[at(f)] = 'results.enter.errors.number';
    }
  });
  return problems;
}

/** The request body; a value that reads as a number is sent as one, anything else as text. */
export function toBody(values: EntryValues, rows: readonly EntryRow[]): NewResultBody {
  const observations: NewObservation[] = rows.map((row) => {
    const numeric = NUMBER.test(row.value.trim());
    return {
      code: row.code.trim(),
      name: row.name.trim(),
      ...(numeric ? { value: toNumber(row.value) } : { valueText: row.value.trim() }),
      ...(row.unit.trim() ? { unit: row.unit.trim() } : {}),
      ...(row.low.trim() ? { low: toNumber(row.low) } : {}),
      ...(row.high.trim() ? { high: toNumber(row.high) } : {}),
    };
  });
  return {
    category: values.category,
    code: values.code.trim(),
    name: values.name.trim(),
    effectiveAt: new Date(values.effectiveAt).toISOString(),
    ...(values.conclusion.trim() ? { conclusion: values.conclusion.trim() } : {}),
    ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
    observations,
  };
}

/** A server field path (`observations.2.unit`) as this form's field name (`obs-2-unit`). */
export function formField(serverPath: string): string {
  const m = /^(?:body\.|\/body\/)?observations[./](\d+)[./](\w+)$/.exec(serverPath);
  if (m) return `obs-${m[1]}-${m[2] === 'valueText' ? 'value' : m[2]}`;
  return serverPath.replace(/^(body\.|\/body\/)/, '');
}

/** Now, for a datetime-local input, in the browser's own time zone. */
export function localNow(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
