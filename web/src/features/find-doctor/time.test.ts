import { describe, expect, it } from 'vitest';
import { addDays, dayKey, formatTime, groupByDay, zonesDiffer } from './time';

describe('booking times', () => {
  it('groups slots by the patient’s own calendar day', () => {
    // 23:30 and 00:30 UTC fall on one evening in New York, on two days in UTC.
    const slots = [{ start: '2026-12-02T00:30:00.000Z' }, { start: '2026-12-01T23:30:00.000Z' }];
    expect(groupByDay(slots, 'America/New_York').map((g) => [g.day, g.slots.length])).toEqual([['2026-12-01', 2]]);
    expect(groupByDay(slots, 'UTC').map((g) => g.day)).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('knows when two clocks read differently, across a DST change', () => {
    // 8 March 2026: the US has moved its clocks, Europe has not yet.
    expect(zonesDiffer('2026-03-09T14:00:00Z', 'America/New_York', 'America/Toronto')).toBe(false);
    expect(zonesDiffer('2026-03-09T14:00:00Z', 'America/New_York', 'Europe/Madrid')).toBe(true);
    expect(zonesDiffer('2026-03-09T14:00:00Z', 'America/New_York', 'America/New_York')).toBe(false);
    expect(formatTime('2026-03-09T14:00:00Z', 'en-US', 'America/New_York')).toBe('10:00 AM');
    expect(formatTime('2026-03-06T14:00:00Z', 'en-US', 'America/New_York')).toBe('9:00 AM');
  });

  it('does calendar arithmetic without time zones', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(dayKey('2026-03-08T06:59:00Z', 'America/New_York')).toBe('2026-03-08');
  });
});
