import type { Interpretation, ResultCategory, ResultReleaseSettings } from '@portico/contracts';

export const MAX_HOLD_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long each kind of result waits before the patient sees it, from the organization's
 * settings (`resultRelease: { lab, imaging, pathology }`, in days). Anything missing or out of
 * range means 0: released at once, as US information-blocking rules expect by default.
 */
export function releaseSettings(settings: Record<string, unknown>): ResultReleaseSettings {
  const raw = settings['resultRelease'];
  const rule = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const days = (v: unknown): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_HOLD_DAYS ? v : 0;
  return { lab: days(rule['lab']), imaging: days(rule['imaging']), pathology: days(rule['pathology']) };
}

/** When a result becomes visible to the patient: when it was issued, plus the hold for its kind. */
export function releaseAt(issuedAt: Date, category: ResultCategory, rules: ResultReleaseSettings): Date {
  return new Date(issuedAt.getTime() + rules[category] * DAY_MS);
}

/**
 * The flag for a value: the one the lab sent, else high or low against the reference range,
 * else normal when there is a range, else none.
 */
export function interpret(
  value: number | null,
  low: number | null,
  high: number | null,
  given: Interpretation | null,
): Interpretation | null {
  if (given) return given;
  if (value === null || (low === null && high === null)) return null;
  if (low !== null && value < low) return 'L';
  if (high !== null && value > high) return 'H';
  return 'N';
}

export const isAbnormal = (flag: Interpretation | null): boolean => flag !== null && flag !== 'N';
