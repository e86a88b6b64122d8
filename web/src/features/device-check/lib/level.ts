/** Quietest level the meter shows, in dBFS; anything below reads as silence. */
const FLOOR_DB = -60;

/**
 * Loudness of a block of samples (-1…1) on a 0…1 scale that follows how loud it sounds:
 * RMS in decibels, with -60 dBFS at 0 and full scale at 1.
 */
export function levelFromSamples(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** The level above which we say "we can hear you" (about -36 dBFS: quiet speech near the mic). */
export const HEARD_LEVEL = 0.4;
