import { describe, expect, it } from 'vitest';
import { openSlots, type AvailabilityInput } from './availability.js';

const NY = 'America/New_York';
const base: AvailabilityInput = {
  timeZone: NY,
  fromDate: '2026-03-02',
  toDate: '2026-03-02',
  weekly: [{ weekday: 1, start: '09:00', end: '12:00' }],
  exceptions: [],
  holidays: new Set(),
  busy: [],
  durationMinutes: 30,
  bufferMinutes: 0,
  notBefore: new Date('2026-01-01T00:00:00Z'),
};
const starts = (input: Partial<AvailabilityInput>) =>
  openSlots({ ...base, ...input }).map((s) => s.start.toISOString());

describe('open slots', () => {
  it('fill a weekly window in the clinic time zone', () => {
    expect(starts({})).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-02T14:30:00.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-02T15:30:00.000Z',
      '2026-03-02T16:00:00.000Z',
      '2026-03-02T16:30:00.000Z',
    ]);
  });

  it('keep 9:00 local across the spring-forward change (UTC offset moves from -5 to -4)', () => {
    const week = starts({ fromDate: '2026-03-02', toDate: '2026-03-09' });
    expect(week[0]).toBe('2026-03-02T14:00:00.000Z'); // Monday before: EST
    expect(week).toContain('2026-03-09T13:00:00.000Z'); // Monday after: EDT
    expect(week.filter((s) => s.startsWith('2026-03-09'))).toHaveLength(6);
  });

  it('count real minutes through the skipped hour on the night of the change', () => {
    // 01:00–04:00 local on 8 March 2026 is only two real hours: 02:00–03:00 does not exist.
    const night = starts({
      fromDate: '2026-03-08',
      toDate: '2026-03-08',
      weekly: [{ weekday: 7, start: '01:00', end: '04:00' }],
    });
    expect(night).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('handle the autumn change too (9:00 local = 13:00Z before, 14:00Z after)', () => {
    const week = starts({ fromDate: '2026-10-26', toDate: '2026-11-02' });
    expect(week[0]).toBe('2026-10-26T13:00:00.000Z');
    expect(week).toContain('2026-11-02T14:00:00.000Z');
  });

  it('step by duration plus buffer', () => {
    expect(starts({ durationMinutes: 50, bufferMinutes: 10 })).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-02T16:00:00.000Z',
    ]);
  });

  it('skip busy times, including the buffer after an existing visit', () => {
    const busy = [{ start: new Date('2026-03-02T14:30:00Z'), end: new Date('2026-03-02T15:10:00Z') }];
    expect(starts({ busy })).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-02T15:30:00.000Z',
      '2026-03-02T16:00:00.000Z',
      '2026-03-02T16:30:00.000Z',
    ]);
    // A new visit's own buffer may not run into the next booked visit either.
    expect(
      starts({
        busy: [{ start: new Date('2026-03-02T15:00:00Z'), end: new Date('2026-03-02T15:30:00Z') }],
        bufferMinutes: 0,
        durationMinutes: 20,
      }),
    ).not.toContain('2026-03-02T14:50:00.000Z');
  });

  it('skip holidays and whole days off, and partial time off', () => {
    expect(starts({ holidays: new Set(['2026-03-02']) })).toEqual([]);
    expect(starts({ exceptions: [{ date: '2026-03-02', kind: 'time_off', start: null, end: null }] })).toEqual([]);
    expect(starts({ exceptions: [{ date: '2026-03-02', kind: 'time_off', start: '10:00', end: '11:00' }] })).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-02T14:30:00.000Z',
      '2026-03-02T16:00:00.000Z',
      '2026-03-02T16:30:00.000Z',
    ]);
  });

  it('add extra hours, even on a holiday', () => {
    const extra = starts({
      holidays: new Set(['2026-03-02']),
      exceptions: [{ date: '2026-03-02', kind: 'extra_hours', start: '18:00', end: '19:00' }],
    });
    expect(extra).toEqual(['2026-03-02T23:00:00.000Z', '2026-03-02T23:30:00.000Z']);
  });

  it('offer nothing before the minimum notice', () => {
    expect(starts({ notBefore: new Date('2026-03-02T15:15:00Z') })).toEqual([
      '2026-03-02T15:30:00.000Z',
      '2026-03-02T16:00:00.000Z',
      '2026-03-02T16:30:00.000Z',
    ]);
  });
});
