/** An exchange rate as staff type it: up to 9 whole digits and 6 decimals, above zero. */
export const RATE_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;

export function rateValid(rate: string): boolean {
  return RATE_PATTERN.test(rate) && /[1-9]/.test(rate);
}

/**
 * The USD total in the reference currency, exact to the cent and rounded half up, as a decimal
 * string ("about N" for the patient; never used to charge). Integer arithmetic only.
 */
export function referenceAmount(totalCents: number, rate: string): string {
  const [whole = '0', frac = ''] = rate.split('.');
  const micro = BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  // cents × (rate × 10⁶) = hundredths of the currency × 10⁶.
  const scaled = BigInt(totalCents) * micro;
  const hundredths = (scaled + 500_000n) / 1_000_000n;
  const s = hundredths.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
