import type { OpeningHours } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { openStatusText, weekRows } from './hoursText';

const base: OpeningHours = {
  organizationId: '00000000-0000-4000-8000-000000000001',
  kind: 'registration',
  timeZone: 'America/New_York',
  intervals: [
    { weekday: 1, opens: '08:00', closes: '18:00' },
    { weekday: 5, opens: '08:00', closes: '17:00' },
  ],
  openNow: false,
  closesAt: null,
  nextOpensAt: null,
};

describe('openStatusText', () => {
  it('says when an open center closes, in its own time zone', () => {
    const text = openStatusText({ ...base, openNow: true, closesAt: '2025-01-14T23:00:00Z' }, 'en-US');
    expect(text).toEqual({ kind: 'open', time: '6:00 PM' });
  });

  it('names the day and time of the next opening (Friday evening → Monday 8:00 AM)', () => {
    const text = openStatusText({ ...base, nextOpensAt: '2025-01-20T13:00:00Z' }, 'en-US');
    expect(text).toEqual({ kind: 'opens', when: 'Monday 8:00 AM' });
  });

  it('uses the organization zone, not the reader’s: 12:00Z in summer is 8:00 AM in New York', () => {
    expect(openStatusText({ ...base, nextOpensAt: '2025-03-10T12:00:00Z' }, 'en-US')).toEqual({
      kind: 'opens',
      when: 'Monday 8:00 AM',
    });
  });

  it('says closed when there is no next opening', () => {
    expect(openStatusText(base, 'en-US')).toEqual({ kind: 'closed' });
  });
});

describe('weekRows', () => {
  it('lists each interval with the day name and wall-clock times', () => {
    expect(weekRows(base, 'en-US')).toEqual([
      { day: 'Monday', times: '8:00\u202fAM\u2009–\u20096:00\u202fPM' },
      { day: 'Friday', times: '8:00\u202fAM\u2009–\u20095:00\u202fPM' },
    ]);
  });
});
