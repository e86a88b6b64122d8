/** Whether a TURN relay could be reached (when the server has one). */
export type RelayResult = 'reachable' | 'unreachable' | 'notConfigured' | 'notTested';

/** What the connection is good for, in the terms a patient cares about. */
export type ConnectionVerdict = 'video' | 'audio' | 'insufficient';

export interface ConnectionFigures {
  /** Median round trip to the server, in milliseconds. */
  rttMs: number;
  downloadMbps: number;
  uploadMbps: number;
  relay: RelayResult;
}

/**
 * Thresholds for a two-way visit. Video at a modest resolution needs roughly 1 Mbps each way;
 * voice needs about 0.1 Mbps. A round trip much past 400 ms makes conversation awkward, past
 * 1 s unusable.
 */
export const THRESHOLDS = {
  video: { downloadMbps: 1, uploadMbps: 0.8, rttMs: 400 },
  audio: { downloadMbps: 0.1, uploadMbps: 0.1, rttMs: 1000 },
} as const;

/** Middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Megabits per second for `bytes` moved in `ms` milliseconds (0 when no time passed). */
export function mbps(bytes: number, ms: number): number {
  if (ms <= 0) return 0;
  return (bytes * 8) / (ms / 1000) / 1_000_000;
}

function meets(f: ConnectionFigures, t: { downloadMbps: number; uploadMbps: number; rttMs: number }): boolean {
  return f.downloadMbps >= t.downloadMbps && f.uploadMbps >= t.uploadMbps && f.rttMs <= t.rttMs;
}

/**
 * Plain verdict from the figures. A relay that cannot be reached does not lower the verdict
 * (most networks connect directly); the page shows it as a caution instead.
 */
export function connectionVerdict(f: ConnectionFigures): ConnectionVerdict {
  if (meets(f, THRESHOLDS.video)) return 'video';
  if (meets(f, THRESHOLDS.audio)) return 'audio';
  return 'insufficient';
}
