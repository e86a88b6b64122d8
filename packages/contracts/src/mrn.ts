/**
 * Medical record numbers: 8 digits and a mod-11 check digit (weights 9..2, the check digit
 * weighs 1), shown as "1234-5678-9". Numbers whose check would be 10 are never issued, so an
 * MRN is 9 plain digits. Every single-digit typo and every swap of two neighbouring digits
 * changes the weighted sum by a non-multiple of 11, so it is caught. The same rule runs in the
 * database (migration 0017) when a number is issued.
 */

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2] as const;

/** The check digit for 8 digits: 0–9, or 10 when the number is never issued. */
export function mrnCheckDigit(base: string): number {
  if (!/^[0-9]{8}$/.test(base)) throw new Error('an MRN base is 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(base[i]) * (WEIGHTS[i] ?? 0);
  return (11 - (sum % 11)) % 11;
}

export type MrnCheck = { ok: true; mrn: string } | { ok: false; reason: 'format' | 'check_digit'; message: string };

/** Reads an MRN as a person types it ("MRN 1234-5678-9", "123456789", spaces or dashes). */
export function parseMrn(input: string): MrnCheck {
  const digits = input
    .trim()
    .replace(/^mrn[\s:#]*/i, '')
    .replace(/[\s-]/g, '');
  if (!/^[1-9][0-9]{8}$/.test(digits)) {
    return { ok: false, reason: 'format', message: 'A medical record number has 9 digits, like 1234-5678-9.' };
  }
  const check = mrnCheckDigit(digits.slice(0, 8));
  if (check !== Number(digits[8])) {
    return {
      ok: false,
      reason: 'check_digit',
      message:
        'This medical record number is not valid: a digit may be mistyped or two digits swapped. Check it and try again.',
    };
  }
  return { ok: true, mrn: digits };
}

/** True when the text looks like someone meant an MRN (digits with optional dashes/spaces). */
export function looksLikeMrn(input: string): boolean {
  return /^(mrn[\s:#]*)?[0-9][0-9\s-]{7,12}$/i.test(input.trim());
}

/** "1234-5678-9". */
export function formatMrn(mrn: string): string {
  return `${mrn.slice(0, 4)}-${mrn.slice(4, 8)}-${mrn.slice(8)}`;
}
