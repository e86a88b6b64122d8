import { describe, expect, it } from 'vitest';
import { interpret, releaseAt, releaseSettings } from './rules.js';

describe('release rules', () => {
  it('releases every kind of result at once unless the organization says otherwise', () => {
    expect(releaseSettings({})).toEqual({ lab: 0, imaging: 0, pathology: 0 });
    const issued = new Date('2026-03-01T15:00:00Z');
    expect(releaseAt(issued, 'lab', releaseSettings({}))).toEqual(issued);
  });

  it('holds a kind of result for its number of days after it was issued', () => {
    const rules = releaseSettings({ resultRelease: { lab: 0, imaging: 3, pathology: 7 } });
    const issued = new Date('2026-03-06T15:00:00Z');
    expect(releaseAt(issued, 'imaging', rules).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    // Across the spring clock change: seven whole days, counted in hours.
    expect(releaseAt(issued, 'pathology', rules).toISOString()).toBe('2026-03-13T15:00:00.000Z');
    expect(releaseAt(issued, 'lab', rules)).toEqual(issued);
  });

  it('ignores settings that are not a whole number of days from 0 to 30', () => {
    const rules = releaseSettings({ resultRelease: { lab: -1, imaging: 2.5, pathology: 90 } });
    expect(rules).toEqual({ lab: 0, imaging: 0, pathology: 0 });
    expect(releaseSettings({ resultRelease: 'hold' })).toEqual({ lab: 0, imaging: 0, pathology: 0 });
  });
});

describe('interpretation flags', () => {
  it('keeps the lab’s own flag, else compares with the range', () => {
    expect(interpret(9.1, 4, 5.6, 'HH')).toBe('HH');
    expect(interpret(7.4, 4, 5.6, null)).toBe('H');
    expect(interpret(3.1, 3.5, 5.3, null)).toBe('L');
    expect(interpret(5.6, 4, 5.6, null)).toBe('N');
    expect(interpret(48, 50, null, null)).toBe('L');
    expect(interpret(160, null, 99, null)).toBe('H');
  });

  it('gives no flag without a number or a range', () => {
    expect(interpret(null, 4, 5.6, null)).toBeNull();
    expect(interpret(7, null, null, null)).toBeNull();
  });
});
