import { describe, expect, it } from 'vitest';
import { openStatus, type WeeklyInterval } from './hours.js';

const HARBOR: WeeklyInterval[] = [
  { weekday: 1, opens: '08:00', closes: '18:00' },
  { weekday: 2, opens: '08:00', closes: '18:00' },
  { weekday: 3, opens: '08:00', closes: '18:00' },
  { weekday: 4, opens: '08:00', closes: '18:00' },
  { weekday: 5, opens: '08:00', closes: '17:00' },
];
const NY = 'America/New_York';

describe('openStatus', () => {
  it('is open on a Tuesday morning in New York, closing at 18:00 local', () => {
    // 2025-01-14 is a Tuesday; 15:00Z is 10:00 EST.
    const s = openStatus(HARBOR, NY, new Date('2025-01-14T15:00:00Z'));
    expect(s.openNow).toBe(true);
    expect(s.closesAt?.toISOString()).toBe('2025-01-14T23:00:00.000Z');
  });

  it('is closed before opening and opens at 8:00 the same day', () => {
    const s = openStatus(HARBOR, NY, new Date('2025-01-14T12:30:00Z')); // 7:30 EST
    expect(s.openNow).toBe(false);
    expect(s.nextOpensAt?.toISOString()).toBe('2025-01-14T13:00:00.000Z');
  });

  it('closes at 17:00 on Friday: Friday evening opens again Monday 8:00', () => {
    // Friday 2025-01-17 17:30 EST = 22:30Z; a Thursday hour (18:00) would still be open.
    const s = openStatus(HARBOR, NY, new Date('2025-01-17T22:30:00Z'));
    expect(s.openNow).toBe(false);
    expect(s.nextOpensAt?.toISOString()).toBe('2025-01-20T13:00:00.000Z');
    // 16:59 on Friday is still open.
    expect(openStatus(HARBOR, NY, new Date('2025-01-17T21:59:00Z')).openNow).toBe(true);
  });

  it('treats closing time as closed', () => {
    expect(openStatus(HARBOR, NY, new Date('2025-01-14T23:00:00Z')).openNow).toBe(false);
  });

  it('follows the wall clock across the spring DST change', () => {
    // Saturday 2025-03-08 (EST, UTC-5); clocks go forward on Sunday 2025-03-09.
    const s = openStatus(HARBOR, NY, new Date('2025-03-08T17:00:00Z'));
    expect(s.openNow).toBe(false);
    // Monday 8:00 EDT is 12:00Z, not 13:00Z.
    expect(s.nextOpensAt?.toISOString()).toBe('2025-03-10T12:00:00.000Z');
  });

  it('follows the wall clock across the autumn DST change', () => {
    // Friday 2025-10-31 evening (EDT); clocks go back on Sunday 2025-11-02.
    const s = openStatus(HARBOR, NY, new Date('2025-10-31T22:00:00Z'));
    expect(s.nextOpensAt?.toISOString()).toBe('2025-11-03T13:00:00.000Z');
  });

  it('judges the day in the organization zone, not UTC', () => {
    // Monday 2025-01-20 02:00Z is still Sunday 21:00 in New York: closed.
    const s = openStatus(HARBOR, NY, new Date('2025-01-20T02:00:00Z'));
    expect(s.openNow).toBe(false);
    expect(s.nextOpensAt?.toISOString()).toBe('2025-01-20T13:00:00.000Z');
  });

  it('has no next opening without any hours', () => {
    expect(openStatus([], NY, new Date('2025-01-14T15:00:00Z'))).toEqual({
      openNow: false,
      closesAt: null,
      nextOpensAt: null,
    });
  });
});
