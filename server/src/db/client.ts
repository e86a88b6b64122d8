import { access, constants, mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_EMBEDDED_CACHE_MB } from '../config/database.js';
import { unavailableReason } from '../lib/pg-errors.js';
import { PGliteDialect } from './pglite-dialect.js';
import { RemotePglite } from './pglite-remote.js';
import { PLANNER_SETTINGS_SQL } from './planner.js';
import { QueueDelay } from './queue-delay.js';
import type { Database } from './schema.js';

/** Executes raw SQL inside one transaction; used by the migrator for multi-statement files. */
export interface ScriptRunner {
  exec(script: string): Promise<void>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  /** The server's connection string (PostgreSQL only), for features that need their own connection (LISTEN). */
  url: string | null;
  /** Run `fn` in one transaction with raw multi-statement access. */
  inScriptTransaction(fn: (runner: ScriptRunner) => Promise<void>): Promise<void>;
  /** Cheap liveness query for /readyz. */
  ping(): Promise<void>;
  /** How many queries are waiting for a connection right now (load shedding reads this). */
  waiting(): number;
  /** How long queries have been waiting for a connection: a standing queue means overload. */
  queueDelay: QueueDelay;
  /** Where the data lives, safe to print: a PostgreSQL URL without its password, or the PGlite folder. */
  describe: string;
  /** The embedded database's files as one archive (PGlite only; tests reuse a migrated copy). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string): string => value;

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL only: how long to wait for a free or new connection before failing. */
  connectTimeoutMs?: number;
  /** Told about connection errors the pool recovers from (a restarted server, a dropped socket). */
  onConnectionError?: (reason: string) => void;
  /** PGlite only: start from these files (an archive from `dump`) instead of an empty database. */
  template?: Blob;
  /** PGlite only: its page cache (shared_buffers) in MiB; PORTICO_EMBEDDED_CACHE_MB's default when absent. */
  embeddedCacheMb?: number;
}

/** Opens the embedded database (PGlite) or a PostgreSQL server pool when a URL is given. */
export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts)
    : openPglite(opts.dataDir, opts.template, opts.embeddedCacheMb ?? DEFAULT_EMBEDDED_CACHE_MB);
}

/** A connection string fit for messages and logs: the password replaced by `***`. */
export function safeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

/** Opening the database failed in a way a person can act on; the message names what to change. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

/** Makes sure the embedded database's folder exists and can be written, naming PORTICO_DATA_DIR if not. */
async function ensureWritableFolder(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK | constants.R_OK);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
    throw new DatabaseOpenError(
      `the data folder ${dataDir} (PORTICO_DATA_DIR) cannot be written (${code}). ` +
        'Give the user running Portico read and write access to it, or set PORTICO_DATA_DIR to another folder.',
    );
  }
}

/**
 * Opens embedded PGlite in a worker thread (pglite-worker.ts): its WASM PostgreSQL and synchronous
 * file I/O run beside the HTTP server instead of blocking it. See docs/decisions/0030.
 */
async function openPglite(dataDir: string, template: Blob | undefined, cacheMb: number): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await ensureWritableFolder(dataDir);
  let pglite: RemotePglite;
  try {
    pglite = await RemotePglite.open({
      dataDir: inMemory ? undefined : dataDir,
      cacheMb,
      ...(template ? { template: await template.arrayBuffer() } : {}),
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DatabaseOpenError(
      `the embedded database in ${dataDir} (PORTICO_DATA_DIR) could not be opened: ${detail}. ` +
        'If another Portico is running on this folder, stop it first; if the folder came from a different ' +
        'Portico version or is damaged, restore it from a backup (npm run restore) or point PORTICO_DATA_DIR at an empty folder.',
    );
  }
  const queueDelay = new QueueDelay();
  const dialect = new PGliteDialect(pglite, (ms) => queueDelay.record(ms));
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    engine: 'pglite',
    url: null,
    describe: inMemory ? 'embedded PGlite in memory' : `embedded PGlite at ${dataDir}`,
    waiting: () => dialect.waiting(),
    queueDelay,
    async inScriptTransaction(fn) {
      // The one connection, held from BEGIN to COMMIT like a Kysely transaction.
      await dialect.exclusive(async () => {
        await pglite.exec('begin');
        try {
          await fn({
            exec: (script) => pglite.exec(script),
            query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
          });
          await pglite.exec('commit');
        } catch (err) {
          await pglite.exec('rollback').catch(() => undefined);
          throw err;
        }
      });
    },
    async dump() {
      // Between transactions: no statement runs while the files are copied.
      return dialect.exclusive(() => pglite.dumpDataDir());
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<DatabaseHandle> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === DATE_OID || oid === INT8_OID ? keepText : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    types,
  });
  const report = (err: unknown): void => opts.onConnectionError?.(unavailableReason(err) ?? 'connection error');
  // A server restart, fail-over or pg_terminate_backend ends connections with an 'error' event.
  // pg-pool listens only on idle clients; one checked out (mid-transaction) would crash the
  // process. Every client gets a listener for its whole life: the query in flight fails, the
  // pool drops the broken client on release, and the next request opens a new connection.
  pool.on('connect', (client) => {
    client.on('error', report);
    // Queued before the query the connection was opened for ('connect' fires before it is handed out).
    client.query(PLANNER_SETTINGS_SQL).catch(() => undefined);
  });
  pool.on('error', report);
  const queueDelay = new QueueDelay();
  // Kysely asks this for connections; timing it tells how long queries queue for the pool.
  const timedPool = {
    async connect() {
      const asked = performance.now();
      const client = await pool.connect();
      queueDelay.record(performance.now() - asked);
      return client;
    },
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: timedPool }) });
  return {
    db,
    engine: 'postgres',
    queueDelay,
    url,
    describe: `PostgreSQL at ${safeDatabaseUrl(url)} (DATABASE_URL)`,
    waiting: () => pool.waitingCount,
    async inScriptTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await fn({
          exec: async (script) => void (await client.query(script)),
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
        });
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Waits until the database answers, retrying with backoff for up to `seconds` (a PostgreSQL server
 * that starts after Portico, or is restarting). Throws a DatabaseOpenError naming where it looked.
 */
export async function waitForDatabase(
  handle: DatabaseHandle,
  seconds: number,
  onWait: (reason: string, retryInMs: number) => void,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      await handle.ping();
      return;
    } catch (err) {
      const reason = unavailableReason(err) ?? (err instanceof Error ? err.message : String(err));
      if (Date.now() + delay > deadline) {
        throw new DatabaseOpenError(
          `cannot reach ${handle.describe}: ${reason}. Check that the server is running and that DATABASE_URL ` +
            `is right (waited ${seconds} s; PORTICO_DATABASE_WAIT_SECONDS sets how long).`,
        );
      }
      onWait(reason, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
