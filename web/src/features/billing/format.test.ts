import { describe, expect, it } from 'vitest';
import { money, parseDollars } from './format';

describe('billing amounts', () => {
  it('reads what people type as dollars into exact cents', () => {
    expect(parseDollars('25')).toBe(2500);
    expect(parseDollars('25.5')).toBe(2550);
    expect(parseDollars('$1,025.07')).toBe(102507);
    expect(parseDollars('0.1')).toBe(10);
  });

  it('refuses anything that is not an amount', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1e3', '12.']) expect(parseDollars(bad)).toBeNull();
  });

  it('formats cents as US dollars in the reader locale', () => {
    expect(money(2500, 'en-US')).toBe('$25.00');
    expect(money(102507, 'en-US')).toBe('$1,025.07');
  });
});
