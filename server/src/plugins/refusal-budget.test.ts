import { describe, expect, it } from 'vitest';
import { RefusalBudget } from './refusal-budget.js';

describe('RefusalBudget', () => {
  it('audits the first refusals of an address each window, then counts the rest for one summary', () => {
    const budget = new RefusalBudget(3, 60_000);
    const t0 = 1_000_000;
    const taken = Array.from({ length: 10 }, (_, i) => budget.take('198.51.100.7', t0 + i).audit);
    expect(taken).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Another address has its own budget.
    expect(budget.take('203.0.113.9', t0).audit).toBe(true);
    // The next window starts afresh and hands back the summary of the one that ended.
    const next = budget.take('198.51.100.7', t0 + 60_000);
    expect(next.audit).toBe(true);
    expect(next.ended).toEqual({ ip: '198.51.100.7', count: 7, windowStart: new Date(t0) });
  });

  it('sweeps ended windows into summaries, and only those with refusals past the budget', () => {
    const budget = new RefusalBudget(1, 60_000);
    budget.take('198.51.100.7', 0);
    budget.take('198.51.100.7', 1);
    budget.take('198.51.100.7', 2);
    budget.take('203.0.113.9', 0);
    expect(budget.sweep(59_999)).toEqual([]);
    expect(budget.sweep(60_000)).toEqual([{ ip: '198.51.100.7', count: 2, windowStart: new Date(0) }]);
    // Swept windows are gone: the address starts a new one.
    expect(budget.take('198.51.100.7', 60_001)).toEqual({ audit: true, ended: null });
  });

  it('audits every refusal when the budget is 0', () => {
    const budget = new RefusalBudget(0);
    expect(Array.from({ length: 100 }, () => budget.take('198.51.100.7').audit).every(Boolean)).toBe(true);
  });

  it('keeps a bounded number of addresses: past the bound they share one window', () => {
    const budget = new RefusalBudget(1, 60_000);
    for (let i = 0; i < 10_000; i += 1) budget.take(`10.0.${Math.floor(i / 256)}.${i % 256}`, 0);
    expect(budget.take('192.0.2.1', 0).audit).toBe(true);
    expect(budget.take('192.0.2.2', 0).audit).toBe(false);
    expect(budget.sweep(60_000)).toContainEqual({ ip: '*', count: 1, windowStart: new Date(0) });
  });
});
