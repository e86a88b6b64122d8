import { describe, expect, it } from 'vitest';
import { allowedRegions, checkInWindow, decideOutcome, liveState, locationAllowed } from './lifecycle.js';

describe('visit rules', () => {
  const start = new Date('2026-11-23T15:00:00Z');
  const end = new Date('2026-11-23T15:30:00Z');

  it('opens check-in the configured minutes before the start and closes it at the end', () => {
    expect(checkInWindow(start, end, 30, new Date('2026-11-23T14:29:59Z')).open).toBe(false);
    expect(checkInWindow(start, end, 30, new Date('2026-11-23T14:30:00Z')).open).toBe(true);
    expect(checkInWindow(start, end, 30, new Date('2026-11-23T15:29:00Z')).open).toBe(true);
    expect(checkInWindow(start, end, 30, end).open).toBe(false);
    expect(checkInWindow(start, end, 45, start).opensAt.toISOString()).toBe('2026-11-23T14:15:00.000Z');
  });

  it("takes the organization's location rule before the clinician's licences", () => {
    expect(allowedRegions({ requiredPatientLocation: ['MA'] }, ['MA', 'NH', 'RI'])).toEqual(['MA']);
    expect(allowedRegions({}, ['MA', 'NH'])).toEqual(['MA', 'NH']);
    expect(allowedRegions({ requiredPatientLocation: ['bogus'] }, ['CT'])).toEqual(['CT']);
    expect(allowedRegions({}, [])).toEqual([]);
  });

  it('allows only a listed US state when a rule applies, and anywhere when none does', () => {
    expect(locationAllowed(['MA'], 'US', 'MA')).toBe(true);
    expect(locationAllowed(['MA'], 'US', 'NH')).toBe(false);
    expect(locationAllowed(['MA'], 'US', undefined)).toBe(false);
    expect(locationAllowed(['MA'], 'CA', 'MA')).toBe(false);
    expect(locationAllowed([], 'FR', undefined)).toBe(true);
  });

  it('names the live state the day view shows', () => {
    const base = {
      appointmentStatus: 'booked',
      encounterStatus: 'planned' as const,
      outcome: null,
      checkedIn: false,
      waitingSince: null,
      admittedAt: null,
    };
    expect(liveState(base)).toBe('not_checked_in');
    expect(liveState({ ...base, checkedIn: true })).toBe('checked_in');
    expect(liveState({ ...base, checkedIn: true, waitingSince: start })).toBe('waiting');
    expect(liveState({ ...base, encounterStatus: 'in-progress' })).toBe('in_visit');
    expect(liveState({ ...base, encounterStatus: 'finished', outcome: 'completed_video' })).toBe('done');
    expect(liveState({ ...base, appointmentStatus: 'cancelled' })).toBe('cancelled');
    expect(liveState({ ...base, encounterStatus: 'cancelled', outcome: 'no_show' })).toBe('no_show');
  });

  it('records by phone a visit that never connected by video, and never bills technical failure as completed', () => {
    expect(decideOutcome(undefined, true)).toBe('completed_video');
    expect(decideOutcome('completed', false)).toBe('completed_phone');
    expect(decideOutcome('technical_failure', true)).toBe('technical_failure');
    expect(decideOutcome('no_show', false)).toBe('no_show');
  });
});
