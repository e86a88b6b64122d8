import { describe, expect, it } from 'vitest';
import { refillEligibility, refillPolicy, runsOutOn, todayIn, type RefillFacts } from './eligibility.js';

const policy = refillPolicy({}, '617-555-0100');
const active: RefillFacts = {
  status: 'active',
  refillsRemaining: 2,
  controlledSchedule: null,
  openRequest: false,
  runsOutOn: null,
};

describe('refill policy', () => {
  it('keeps controlled substances off the portal and asks three days ahead unless the organization says otherwise', () => {
    expect(policy).toEqual({ controlledSubstancesOnline: false, minDaysBeforeRunOut: 3, officePhone: '617-555-0100' });
    const custom = refillPolicy(
      { refillPolicy: { controlledSubstancesOnline: true, minDaysBeforeRunOut: 7, officePhone: ' 617-555-0110 ' } },
      '617-555-0100',
    );
    expect(custom).toEqual({ controlledSubstancesOnline: true, minDaysBeforeRunOut: 7, officePhone: '617-555-0110' });
  });

  it('ignores settings of the wrong kind', () => {
    const odd = refillPolicy(
      { refillPolicy: { controlledSubstancesOnline: 'yes', minDaysBeforeRunOut: 2.5, officePhone: '' } },
      '617-555-0100',
    );
    expect(odd).toEqual(policy);
    expect(refillPolicy({ refillPolicy: 'strict' }, '617-555-0100')).toEqual(policy);
    expect(refillPolicy({ refillPolicy: { minDaysBeforeRunOut: 365 } }, 'x').minDaysBeforeRunOut).toBe(3);
  });
});

describe('refill eligibility', () => {
  it('allows an active prescription with refills left', () => {
    expect(refillEligibility(active, policy, '2026-05-01')).toEqual({ eligible: true, runsOutSoon: false });
  });

  it('explains each case that cannot be asked for online, with a stable code', () => {
    const cases: [Partial<RefillFacts>, string][] = [
      [{ status: 'stopped' }, 'medication_not_active'],
      [{ status: 'on-hold' }, 'medication_not_active'],
      [{ status: 'completed' }, 'medication_not_active'],
      [{ openRequest: true }, 'refill_already_requested'],
      [{ controlledSchedule: 'IV' }, 'controlled_substance_not_online'],
      [{ refillsRemaining: 0 }, 'no_refills_remaining'],
    ];
    for (const [change, reason] of cases) {
      const result = refillEligibility({ ...active, ...change }, policy, '2026-05-01');
      expect(result, reason).toMatchObject({ eligible: false, reason });
      expect(result.message, reason).toMatch(/\.$/);
    }
  });

  it('gives the office phone for a controlled substance, and lets one through where the organization allows it', () => {
    const ambien = { ...active, controlledSchedule: 'IV' };
    const refused = refillEligibility(ambien, policy, '2026-05-01');
    expect(refused.phone).toBe('617-555-0100');
    expect(refused.message).toContain('Call the office at 617-555-0100');
    const open = refillPolicy({ refillPolicy: { controlledSubstancesOnline: true } }, '617-555-0100');
    expect(refillEligibility(ambien, open, '2026-05-01').eligible).toBe(true);
  });

  it('names the reason a patient can act on first when several apply', () => {
    const all = { status: 'stopped' as const, refillsRemaining: 0, controlledSchedule: 'II', openRequest: true };
    expect(refillEligibility({ ...active, ...all }, policy, '2026-05-01').reason).toBe('medication_not_active');
    const waiting = { ...active, openRequest: true, refillsRemaining: 0 };
    expect(refillEligibility(waiting, policy, '2026-05-01').reason).toBe('refill_already_requested');
    const both = { ...active, controlledSchedule: 'IV', refillsRemaining: 0 };
    expect(refillEligibility(both, policy, '2026-05-01').reason).toBe('controlled_substance_not_online');
  });

  it('warns when the supply runs out sooner than the organization asks for requests', () => {
    const soon = { ...active, runsOutOn: '2026-05-03' };
    expect(refillEligibility(soon, policy, '2026-05-01').runsOutSoon).toBe(true);
    expect(refillEligibility(soon, policy, '2026-04-30').runsOutSoon).toBe(false);
    expect(refillEligibility({ ...active, runsOutOn: '2026-04-20' }, policy, '2026-05-01').runsOutSoon).toBe(true);
  });
});

describe('when the supply runs out', () => {
  const med = { lastFilledOn: '2026-01-10', daysSupply: 90, quantity: 90 };

  it('counts the days supply from the last fill', () => {
    expect(runsOutOn(med, null)).toBe('2026-04-10');
    expect(runsOutOn({ ...med, daysSupply: null }, null)).toBeNull();
    expect(runsOutOn({ ...med, lastFilledOn: null }, null)).toBeNull();
  });

  it('counts from a later approved refill, for the quantity approved', () => {
    expect(runsOutOn(med, { on: '2026-04-05', quantity: 90 })).toBe('2026-07-04');
    expect(runsOutOn(med, { on: '2026-04-05', quantity: 30 })).toBe('2026-05-05');
    expect(runsOutOn(med, { on: '2025-12-01', quantity: 90 })).toBe('2026-04-10');
    expect(runsOutOn({ ...med, lastFilledOn: null }, { on: '2026-02-01', quantity: 45 })).toBe('2026-03-18');
  });

  it("takes today in the organization's time zone", () => {
    const lateEvening = new Date('2026-03-02T03:30:00Z');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-03-01');
    expect(todayIn('Europe/Berlin', lateEvening)).toBe('2026-03-02');
  });
});
