import { int, str, url, type Env } from './env.js';

/** The embedded database's page cache when PORTICO_EMBEDDED_CACHE_MB is not set. */
export const DEFAULT_EMBEDDED_CACHE_MB = 16;

/** Where the data lives, how processes meet each other, and how often they look for work. */
export interface DatabaseSettings {
  /** postgres://... when set; otherwise embedded PGlite. */
  databaseUrl: string | null;
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir: string;
  /** The embedded database's page cache (PostgreSQL's shared_buffers), in MiB. */
  embeddedCacheMb: number;
  /** redis://… fans visit signaling out through Redis pub/sub; otherwise PostgreSQL or in-process. */
  redisUrl: string | null;
  /** How often each process looks for due background jobs. */
  jobPollMs: number;
}

/** PORTICO_DATA_DIR, DATABASE_URL, PORTICO_EMBEDDED_CACHE_MB. */
export function databaseSettings(env: Env): Pick<DatabaseSettings, 'dataDir' | 'databaseUrl' | 'embeddedCacheMb'> {
  return {
    dataDir: str(env, 'PORTICO_DATA_DIR', './data/pglite'),
    // PostgreSQL's own default (128 MiB) is touched in full at start; the embedded database reads
    // through the operating system's file cache anyway, so a small one costs little (decision 0038).
    embeddedCacheMb: int(env, 'PORTICO_EMBEDDED_CACHE_MB', DEFAULT_EMBEDDED_CACHE_MB, 1, 4096),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
  };
}

/** PORTICO_JOB_POLL_MS, REDIS_URL: how processes find work and reach each other. */
export function coordinationSettings(env: Env): Pick<DatabaseSettings, 'jobPollMs' | 'redisUrl'> {
  return {
    jobPollMs: int(env, 'PORTICO_JOB_POLL_MS', 2000, 100, 600_000),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
  };
}
