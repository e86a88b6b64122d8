import type { TrendPoint } from '@portico/contracts';

/** "Nice" round tick values (1, 2, 2.5 or 5 × a power of ten) covering min..max, about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const rough = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 0.5; v += step) ticks.push(Number(v.toFixed(10)));
  if ((ticks[ticks.length - 1] ?? max) < max) ticks.push(Number((first + ticks.length * step).toFixed(10)));
  return ticks;
}

/** The reference range to shade: the latest point's (ranges can change when a lab changes methods). */
export function latestRange(points: readonly TrendPoint[]): { low: number | null; high: number | null } {
  const last = points[points.length - 1];
  return { low: last?.low ?? null, high: last?.high ?? null };
}

/** The value axis: every point and the range's ends, rounded out to nice ticks. */
export function valueTicks(points: readonly TrendPoint[], count: number): number[] {
  const { low, high } = latestRange(points);
  const values = [...points.map((p) => p.value), ...(low !== null ? [low] : []), ...(high !== null ? [high] : [])];
  return niceTicks(Math.min(...values), Math.max(...values), count);
}

const DAY = 86_400_000;

/** The time axis: first to last result, with a little room at each end (a month each side for one result). */
export function timeDomain(points: readonly TrendPoint[]): [number, number] {
  const times = points.map((p) => Date.parse(p.effectiveAt));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const pad = t1 === t0 ? 30 * DAY : Math.min((t1 - t0) * 0.05, 20 * DAY);
  return [t0 - pad, t1 + pad];
}

export interface TimeTick {
  t: number;
  kind: 'year' | 'month';
}

/**
 * Ticks on the time axis at the start of years (long spans) or of every few months, at most
 * `max` of them, so labels never overlap on a phone.
 */
export function timeTicks(domain: [number, number], max: number): TimeTick[] {
  const [t0, t1] = domain;
  const start = new Date(t0);
  const years = (t1 - t0) / (365.25 * DAY);
  if (years >= 2) {
    const every = Math.max(1, Math.ceil(years / Math.max(1, max)));
    const ticks: TimeTick[] = [];
    for (let y = start.getFullYear() + 1; ; y += every) {
      const t = new Date(y, 0, 1).getTime();
      if (t > t1) break;
      ticks.push({ t, kind: 'year' });
    }
    return ticks;
  }
  const months = Math.max(1, Math.ceil((t1 - t0) / (30.44 * DAY)));
  const every = [1, 2, 3, 4, 6, 12].find((m) => months / m <= Math.max(1, max)) ?? 12;
  const ticks: TimeTick[] = [];
  const d = new Date(start.getFullYear(), start.getMonth() + 1, 1);
  while (d.getMonth() % every !== 0) d.setMonth(d.getMonth() + 1);
  for (; d.getTime() <= t1; d.setMonth(d.getMonth() + every)) ticks.push({ t: d.getTime(), kind: 'month' });
  return ticks;
}

/** A linear scale from a domain onto pixels. */
export function scale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * k);
}

/** Where the latest value sits against its range, for the chart's text summary. */
export function latestStatus(points: readonly TrendPoint[]): 'within' | 'above' | 'below' | 'unknown' {
  const last = points[points.length - 1];
  if (!last) return 'unknown';
  if (last.high !== null && last.value > last.high) return 'above';
  if (last.low !== null && last.value < last.low) return 'below';
  if (last.low === null && last.high === null) return 'unknown';
  return 'within';
}
