import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { int, type Env } from './env.js';

/**
 * The default heap ceiling for shedding load: 85% of V8's heap limit (which follows the machine's
 * memory or --max-old-space-size). Past it garbage collection runs back to back and the next
 * allocations may crash the process; refusing new requests lets the ones in hand finish.
 */
export function defaultMaxHeapMb(limitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.floor((limitBytes * 0.85) / (1024 * 1024));
}

/** Connections per process when the database runs elsewhere. */
const REMOTE_POOL_SIZE = 10;

/**
 * The pool's default size. PostgreSQL on this same machine shares its cores with Portico, and
 * every connection busy at once is one more process those cores take turns on: PostgreSQL's own
 * rule of thumb (about two connections per core) keeps the database from crowding Portico out, so
 * that on two cores a request turned away under load is answered in 40 ms rather than 60
 * (docs/benchmarks.md, Overload). A database elsewhere gets 10.
 */
export function defaultPoolSize(databaseUrl: string | undefined, cores = availableParallelism()): number {
  if (!databaseUrl) return REMOTE_POOL_SIZE;
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return REMOTE_POOL_SIZE;
  }
  const socket = url.searchParams.get('host') ?? '';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local =
    host === '' || host === 'localhost' || host === '::1' || host.startsWith('127.') || socket.startsWith('/');
  return local ? Math.min(REMOTE_POOL_SIZE, Math.max(2, 2 * cores)) : REMOTE_POOL_SIZE;
}

export interface OperationsConfig {
  /** At start-up, how long to keep retrying a PostgreSQL server that is not up yet. */
  databaseWaitSeconds: number;
  /** Connections in the PostgreSQL pool of each process. */
  databasePoolSize: number;
  /** How long a request may wait for a pool connection (or a new connection) before it fails with 503. */
  databaseConnectTimeoutMs: number;
  /** More queries than this waiting for the database, and new requests are turned away with 503 at once. */
  maxDatabaseQueue: number;
  /** API requests one process works on at once; more are turned away with 503 at once. */
  maxInFlight: number;
  /** A standing database queue longer than this (ms) turns new requests away with 503; 0 turns it off. */
  maxDatabaseWaitMs: number;
  /** Event-loop delay past which new requests are turned away with 503; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /** Heap in use (MiB) past which new requests are turned away with 503; 0 turns the check off. */
  maxHeapUsedMb: number;
  /** /readyz fails, and uploads are refused, when a data folder has less free space than this. */
  minFreeDiskMb: number;
  /** After SIGTERM, how long in-flight requests get before the process exits anyway. */
  shutdownGraceSeconds: number;
  /**
   * After SIGTERM, how long to keep serving (with /readyz failing and `Connection: close` on every
   * answer) before the port closes, so a load balancer moves traffic away and keep-alive clients
   * reconnect elsewhere instead of being cut off. Counts within the grace period.
   */
  shutdownDrainSeconds: number;
  /** Writes (POST, PUT, PATCH, DELETE) per minute for one signed-in session (or one address). */
  writeRateLimitPerMinute: number;
}

/** Staying up: waiting for the database, the pool, shedding load, disk space, shutdown, write limits. */
export function operationsConfig(env: Env): OperationsConfig {
  return {
    databaseWaitSeconds: int(env, 'PORTICO_DATABASE_WAIT_SECONDS', 30, 0, 3600),
    databasePoolSize: int(env, 'PORTICO_DATABASE_POOL_SIZE', defaultPoolSize(env['DATABASE_URL']), 1, 1000),
    databaseConnectTimeoutMs: int(env, 'PORTICO_DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    maxDatabaseQueue: int(env, 'PORTICO_MAX_DATABASE_QUEUE', 200, 1, 100_000),
    maxInFlight: int(env, 'PORTICO_MAX_IN_FLIGHT', 32, 1, 100_000),
    maxDatabaseWaitMs: int(env, 'PORTICO_MAX_DATABASE_WAIT_MS', 300, 0, 60_000),
    maxEventLoopDelayMs: int(env, 'PORTICO_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
    maxHeapUsedMb: int(env, 'PORTICO_MAX_HEAP_USED_MB', defaultMaxHeapMb(), 0, 1024 * 1024),
    minFreeDiskMb: int(env, 'PORTICO_MIN_FREE_DISK_MB', 256, 0, 1024 * 1024),
    shutdownGraceSeconds: int(env, 'PORTICO_SHUTDOWN_GRACE_SECONDS', 10, 1, 600),
    shutdownDrainSeconds: int(env, 'PORTICO_SHUTDOWN_DRAIN_SECONDS', 1, 0, 300),
    writeRateLimitPerMinute: int(env, 'PORTICO_WRITE_RATE_LIMIT', 300, 1, 1_000_000),
  };
}
