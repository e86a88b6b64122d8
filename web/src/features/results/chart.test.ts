import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '@portico/contracts';
import { latestStatus, niceTicks, scale, timeDomain, timeTicks, valueTicks } from './chart';
import { formatRange, formatValue, groupByDay, placesFor } from './format';

const point = (effectiveAt: string, value: number, low: number | null = 4, high: number | null = 5.6): TrendPoint => ({
  reportId: '00000000-0000-4000-8000-000000000000',
  effectiveAt,
  value,
  low,
  high,
  flag: null,
});

describe('trend chart scales', () => {
  it('picks round ticks that cover the values and the reference range', () => {
    expect(niceTicks(4, 7.6, 5)).toEqual([4, 5, 6, 7, 8]);
    expect(niceTicks(106, 159, 5)).toEqual([100, 120, 140, 160]);
    expect(valueTicks([point('2025-01-01T12:00:00Z', 7.4), point('2026-01-01T12:00:00Z', 6.8)], 5)).toEqual([
      4, 5, 6, 7, 8,
    ]);
    // One value and no range still gets an axis around it.
    expect(niceTicks(6.8, 6.8, 4).length).toBeGreaterThan(1);
  });

  it('labels years on long spans and months on short ones, never too many for the width', () => {
    const long = timeDomain([point('2023-11-20T12:00:00Z', 7), point('2026-11-20T12:00:00Z', 7)]);
    const years = timeTicks(long, 5);
    expect(years.map((t) => new Date(t.t).getFullYear())).toEqual([2024, 2025, 2026]);
    expect(timeTicks(long, 2).length).toBeLessThanOrEqual(2);
    const short = timeDomain([point('2026-01-10T12:00:00Z', 7), point('2026-07-10T12:00:00Z', 7)]);
    const months = timeTicks(short, 4);
    expect(months.every((t) => t.kind === 'month')).toBe(true);
    expect(months.length).toBeLessThanOrEqual(4);
    expect(months.length).toBeGreaterThan(1);
  });

  it('maps values onto pixels, upside down for the value axis', () => {
    const y = scale([4, 8], [200, 0]);
    expect(y(4)).toBe(200);
    expect(y(6)).toBe(100);
    expect(scale([5, 5], [0, 100])(5)).toBe(50);
  });

  it('says where the latest value sits against its range', () => {
    expect(latestStatus([point('2026-01-01T12:00:00Z', 6.8)])).toBe('above');
    expect(latestStatus([point('2026-01-01T12:00:00Z', 5.2)])).toBe('within');
    expect(latestStatus([point('2026-01-01T12:00:00Z', 45, 50, null)])).toBe('below');
    expect(latestStatus([point('2026-01-01T12:00:00Z', 45, null, null)])).toBe('unknown');
  });
});

describe('result formatting', () => {
  it('prints a range with the decimals of its values', () => {
    expect(placesFor([6.8, 4, 5.6])).toBe(1);
    expect(formatRange({ low: 4, high: 5.6, rangeText: null }, 'en-US', 1)).toBe('4.0–5.6');
    expect(formatRange({ low: 50, high: null, rangeText: null }, 'en-US', 0)).toBe('≥ 50');
    expect(formatRange({ low: null, high: 99, rangeText: '<100' }, 'en-US', 0)).toBe('<100');
    expect(formatValue({ value: 1.03, valueText: null, low: 0.6, high: 1 }, 'en-US')).toBe('1.03');
    expect(formatValue({ value: null, valueText: 'Negative', low: null, high: null }, 'en-US')).toBe('Negative');
  });

  it('groups results by the day they were collected, in the viewer’s time zone', () => {
    const r = (id: string, effectiveAt: string) => ({
      id,
      patientId: id,
      code: 'x',
      name: id,
      category: 'lab' as const,
      status: 'final' as const,
      effectiveAt,
      issuedAt: effectiveAt,
      orderedBy: null,
      observationCount: 1,
      abnormalCount: 0,
      released: true,
      releaseAt: effectiveAt,
      hasComment: false,
    });
    const groups = groupByDay(
      [r('a', '2026-11-20T15:00:00Z'), r('b', '2026-11-20T13:00:00Z'), r('c', '2026-11-20T02:00:00Z')],
      'America/New_York',
    );
    expect(groups.map((g) => [g.day, g.results.map((x) => x.id)])).toEqual([
      ['2026-11-20', ['a', 'b']],
      ['2026-11-19', ['c']],
    ]);
  });
});
