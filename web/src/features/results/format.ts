import type { Interpretation, ResultObservation, ResultSummary } from '@portico/contracts';

/** Decimal places a number was written with (6.8 → 1, 0.92 → 2), at most 3. */
export function decimals(value: number | null): number {
  if (value === null || !Number.isFinite(value)) return 0;
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : Math.min(3, text.length - dot - 1);
}

/** The most decimal places among some numbers: a range prints like its values (4.0–5.6, not 4–5.6). */
export function placesFor(values: readonly (number | null)[]): number {
  return values.reduce<number>((max, v) => Math.max(max, decimals(v)), 0);
}

export function formatNumber(value: number, locale: string, places: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}

/** How a reference range reads: the lab's own words, else "70–99", "≥ 50" or "≤ 99". */
export function formatRange(
  o: Pick<ResultObservation, 'low' | 'high' | 'rangeText'>,
  locale: string,
  places: number,
): string {
  if (o.rangeText) return o.rangeText;
  const f = (v: number) => formatNumber(v, locale, places);
  if (o.low !== null && o.high !== null) return `${f(o.low)}–${f(o.high)}`;
  if (o.low !== null) return `≥ ${f(o.low)}`;
  if (o.high !== null) return `≤ ${f(o.high)}`;
  return '';
}

/** The value as shown in a table: the number with its usual decimals, or the text. */
export function formatValue(o: Pick<ResultObservation, 'value' | 'valueText' | 'low' | 'high'>, locale: string) {
  if (o.value === null) return o.valueText ?? '';
  return formatNumber(o.value, locale, placesFor([o.value, o.low, o.high]));
}

export type FlagTone = 'high' | 'low' | 'abnormal' | 'normal';

/** Arrows beside the word, so a flag never depends on colour alone. */
export const FLAG_SIGNS: Record<Interpretation, { sign: string; tone: FlagTone }> = {
  H: { sign: '↑', tone: 'high' },
  HH: { sign: '⇈', tone: 'high' },
  L: { sign: '↓', tone: 'low' },
  LL: { sign: '⇊', tone: 'low' },
  A: { sign: '!', tone: 'abnormal' },
  N: { sign: '✓', tone: 'normal' },
};

/** The calendar day a result was collected, in the viewer's time zone (YYYY-MM-DD, for grouping). */
export function localDay(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Results grouped by the day they were collected, newest day first (the list is already newest first). */
export function groupByDay(results: readonly ResultSummary[], timeZone?: string) {
  const groups: { day: string; results: ResultSummary[] }[] = [];
  for (const r of results) {
    const day = localDay(r.effectiveAt, timeZone);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.results.push(r);
    else groups.push({ day, results: [r] });
  }
  return groups;
}

export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

export function formatShortDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}
