import { int, type Env } from './env.js';

/** Sessions and the guards on signing in. */
export interface SignInSettings {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long a session look-up is kept in memory, forgotten everywhere on sign-out and similar changes (0: off). */
  sessionCacheSeconds: number;
  /** Wrong passwords per email / per client address before growing delays start, and the longest delay. */
  signInFreeTries: number;
  signInFreeTriesPerAddress: number;
  signInFirstDelaySeconds: number;
  signInMaxDelaySeconds: number;
  /** Requests per minute per IP on the sign-in and enrollment endpoints. */
  authRateLimitPerMinute: number;
}

/** PORTICO_SESSION_*, PORTICO_SIGNIN_*, PORTICO_AUTH_RATE_LIMIT. */
export function signInSettings(env: Env): SignInSettings {
  return {
    sessionIdleMinutes: int(env, 'PORTICO_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'PORTICO_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    sessionCacheSeconds: int(env, 'PORTICO_SESSION_CACHE_SECONDS', 5, 0, 300),
    signInFreeTries: int(env, 'PORTICO_SIGNIN_FREE_TRIES', 5, 1, 100),
    signInFreeTriesPerAddress: int(env, 'PORTICO_SIGNIN_FREE_TRIES_PER_ADDRESS', 100, 1, 100_000),
    signInFirstDelaySeconds: int(env, 'PORTICO_SIGNIN_FIRST_DELAY_SECONDS', 2, 1, 3600),
    signInMaxDelaySeconds: int(env, 'PORTICO_SIGNIN_MAX_DELAY_SECONDS', 900, 1, 24 * 3600),
    authRateLimitPerMinute: int(env, 'PORTICO_AUTH_RATE_LIMIT', 30, 1, 100000),
  };
}
