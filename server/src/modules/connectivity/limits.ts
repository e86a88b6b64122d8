/**
 * Per-address limits for the connection test, counted per route. One full test makes about 7
 * pings, 2 downloads, 2 uploads and 1 ICE request; these allow several retries a minute and
 * little more, so the public endpoints cannot be turned into a bandwidth or credential pump.
 */
export const CONNECTIVITY_RATE_LIMITS = {
  ping: { max: 120, timeWindow: 60_000 },
  transfer: { max: 30, timeWindow: 60_000 },
  iceServers: { max: 10, timeWindow: 60_000 },
} as const;
