import { describe, expect, it } from 'vitest';
import { formatMrn, looksLikeMrn, mrnCheckDigit, parseMrn } from './mrn.js';

/** A valid MRN for a base, or null when that base is never issued (check would be 10). */
function issue(base: string): string | null {
  const c = mrnCheckDigit(base);
  return c === 10 ? null : base + String(c);
}

const SAMPLES = ['10000000', '12345678', '90909090', '55512345', '31415926', '99999998', '10293847'];

describe('MRN check digit', () => {
  it('accepts an issued number with or without dashes, spaces or the MRN prefix', () => {
    const mrn = issue('12345678');
    expect(mrn).not.toBeNull();
    const m = mrn ?? '';
    for (const typed of [m, formatMrn(m), `MRN ${formatMrn(m)}`, ` ${m.slice(0, 4)} ${m.slice(4)} `]) {
      expect(parseMrn(typed)).toEqual({ ok: true, mrn: m });
    }
  });

  it('catches every single-digit typo', () => {
    for (const base of SAMPLES) {
      const mrn = issue(base);
      if (!mrn) continue;
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === mrn[i]) continue;
          const typo = mrn.slice(0, i) + String(d) + mrn.slice(i + 1);
          expect(parseMrn(typo).ok, `${mrn} -> ${typo}`).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two neighbouring digits, including 0/9 swaps Luhn would miss', () => {
    let swaps = 0;
    for (let n = 0; n < 3000; n++) {
      const base = String(10000000 + ((n * 7919) % 90000000)).padStart(8, '0');
      const mrn = issue(base);
      if (!mrn) continue;
      for (let i = 0; i < 8; i++) {
        if (mrn[i] === mrn[i + 1]) continue;
        const swapped = mrn.slice(0, i) + (mrn[i + 1] ?? '') + (mrn[i] ?? '') + mrn.slice(i + 2);
        expect(parseMrn(swapped).ok, `${mrn} -> ${swapped}`).toBe(false);
        swaps++;
      }
    }
    expect(swaps).toBeGreaterThan(10000);
    const nine = issue('12909012');
    if (nine) expect(parseMrn(nine.replace('09', '90')).ok).toBe(false);
  });

  it('explains a wrong check digit differently from a wrong length', () => {
    const mrn = issue('12345678') ?? '';
    const wrong = mrn.slice(0, 8) + String((Number(mrn[8]) + 1) % 10);
    const bad = parseMrn(wrong);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe('check_digit');
    const short = parseMrn('1234-5678');
    expect(!short.ok && short.reason).toBe('format');
  });

  it('skips bases whose check would be 10', () => {
    let skipped = 0;
    for (let n = 10000000; n < 10000200; n++) if (mrnCheckDigit(String(n)) === 10) skipped++;
    expect(skipped).toBeGreaterThan(0);
  });

  it('tells MRN-like search text from names', () => {
    expect(looksLikeMrn('1234-5678-9')).toBe(true);
    expect(looksLikeMrn('MRN 123456789')).toBe(true);
    expect(looksLikeMrn('Rivera')).toBe(false);
  });
});
