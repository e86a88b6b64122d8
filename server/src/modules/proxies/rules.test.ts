import { describe, expect, it } from 'vitest';
import { ALL_AREAS, ageOn, effectiveAreas, minorRules, type GrantFacts } from './rules.js';

const rules = minorRules({});
const grant = (over: Partial<GrantFacts>): GrantFacts => ({
  relationship: 'spouse',
  access: 'full',
  areas: [],
  endsOn: null,
  revoked: false,
  teenConsent: false,
  patientBirthDate: '1960-05-01',
  ...over,
});

describe('proxy access rules', () => {
  it('counts age in whole years, birthday included', () => {
    expect(ageOn('2014-11-22', '2026-11-21')).toBe(11);
    expect(ageOn('2014-11-22', '2026-11-22')).toBe(12);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('gives a parent everything under 12, the limited set from 12 to 17 unless the teen agrees, and nothing at 18', () => {
    const parent = (birth: string, teenConsent = false) =>
      effectiveAreas(grant({ relationship: 'parent', patientBirthDate: birth, teenConsent }), '2026-11-22', rules);
    expect(parent('2015-01-01')).toEqual([...ALL_AREAS]);
    expect(parent('2012-01-01')).toEqual(['appointments', 'billing']);
    expect(parent('2012-01-01', true)).toEqual([...ALL_AREAS]);
    expect(parent('2008-11-22')).toBeNull();
    expect(parent('2008-11-23')).toEqual(['appointments', 'billing']);
  });

  it('follows the organization when it changes the ages and the teen areas', () => {
    const custom = minorRules({
      proxyMinorRules: { fullAccessUnder: 13, adultAt: 19, teenAreas: ['billing', 'bogus'] },
    });
    expect(custom).toEqual({ fullAccessUnder: 13, adultAt: 19, teenAreas: ['billing'] });
    expect(
      effectiveAreas(grant({ relationship: 'guardian', patientBirthDate: '2014-01-01' }), '2026-11-22', custom),
    ).toEqual(ALL_AREAS);
    expect(
      effectiveAreas(grant({ relationship: 'guardian', patientBirthDate: '2008-01-01' }), '2026-11-22', custom),
    ).toEqual(['billing']);
  });

  it('ends with the end date or revocation, and limits a limited grant to its areas', () => {
    expect(effectiveAreas(grant({ endsOn: '2026-11-21' }), '2026-11-22', rules)).toBeNull();
    expect(effectiveAreas(grant({ endsOn: '2026-11-22' }), '2026-11-22', rules)).toEqual(ALL_AREAS);
    expect(effectiveAreas(grant({ revoked: true }), '2026-11-22', rules)).toBeNull();
    expect(effectiveAreas(grant({ access: 'limited', areas: ['appointments'] }), '2026-11-22', rules)).toEqual([
      'appointments',
    ]);
  });
});
