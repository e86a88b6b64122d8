/** Where the booking and directory benchmarks keep their data. */
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/client.js';

export interface BenchDatabase {
  /** postgres://… to open, or null for embedded PGlite. */
  url: string | null;
  label: string;
  dispose(): Promise<void>;
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

/** A given benchmark database, used as is (PORTICO_BENCH_DATABASE_URL, or BENCH_DATABASE_URL as bench:api takes). */
export function givenBenchDatabase(): BenchDatabase | null {
  const given = process.env['PORTICO_BENCH_DATABASE_URL'] || process.env['BENCH_DATABASE_URL'];
  return given ? { url: given, label: `${redact(given)} (used as is)`, dispose: async () => undefined } : null;
}

/**
 * A fresh database `name` on a PostgreSQL server — the one DATABASE_URL points at (never its own
 * database, which may hold real data), else the local default — dropped again by dispose()
 * unless BENCH_KEEP_DATABASE is set.
 */
export async function freshBenchDatabase(name: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const server = new URL(process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const target = new URL(server);
  target.pathname = `/${name}`;
  const recreate = async (create: boolean): Promise<void> => {
    const db = await openDatabase({ databaseUrl: admin.href, dataDir: 'memory://', poolSize: 1 });
    try {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(db.db);
      if (create) await sql.raw(`create database ${name}`).execute(db.db);
    } finally {
      await db.close();
    }
  };
  await recreate(true);
  const keep = Boolean(process.env['BENCH_KEEP_DATABASE']);
  return {
    url: target.href,
    label: `${redact(target.href)} (created for this run, ${keep ? 'kept' : 'dropped'} after)`,
    dispose: () => (keep ? Promise.resolve() : recreate(false)),
  };
}
