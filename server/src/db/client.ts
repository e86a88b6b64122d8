import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
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
  /** PGlite only: start from these files (an archive from `dump`) instead of an empty database. */
  template?: Blob;
}

/** Opens the embedded database (PGlite) or a PostgreSQL server pool when a URL is given. */
export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10)
    : openPglite(opts.dataDir, opts.template);
}

async function openPglite(dataDir: string, template?: Blob): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : dataDir, {
    extensions: { btree_gist, citext, pg_trgm },
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
    ...(template ? { loadDataDir: template } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    url: null,
    async inScriptTransaction(fn) {
      await pglite.transaction(async (tx) => {
        await fn({
          exec: async (script) => void (await tx.exec(script)),
          query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
        });
      });
    },
    async dump() {
      return pglite.dumpDataDir('gzip');
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === DATE_OID || oid === INT8_OID ? keepText : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types });
  // A broken idle client must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    url,
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
