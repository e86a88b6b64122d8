import type { CallSession } from './callSession';

type StatsReader = () => ReturnType<CallSession['debugStats']>;

declare global {
  interface Window {
    /** Only under automation (navigator.webdriver): the call's per-connection counters, for e2e tests. */
    __porticoStats?: StatsReader;
  }
}

/**
 * Lets an automated browser read the call's getStats() counters. Nothing is exposed to people
 * using a normal browser; the values are counters only, no media and no patient data.
 */
export function exposeStatsForTests(session: CallSession): () => void {
  if (typeof navigator === 'undefined' || !navigator.webdriver) return () => undefined;
  const reader: StatsReader = () => session.debugStats();
  window.__porticoStats = reader;
  return () => {
    if (window.__porticoStats === reader) delete window.__porticoStats;
  };
}
