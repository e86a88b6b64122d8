import { describe, expect, it } from 'vitest';
import { delaySeconds, emailKey } from './throttle.js';

describe('sign-in delays', () => {
  const policy = { firstDelaySeconds: 2, maxDelaySeconds: 900 };

  it('lets the free tries through, then doubles the wait up to the cap', () => {
    expect([3, 4, 5, 6, 7, 8].map((n) => delaySeconds(n, 5, policy))).toEqual([0, 0, 2, 4, 8, 16]);
    expect(delaySeconds(14, 5, policy)).toBe(900);
    expect(delaySeconds(10_000, 5, policy)).toBe(900);
  });

  it('keys an email the same however it is typed, and never by the address itself', () => {
    expect(emailKey(' Ana@Example.org ')).toBe(emailKey('ana@example.org'));
    expect(emailKey('ana@example.org')).not.toContain('ana');
  });
});
