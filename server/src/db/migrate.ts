import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './client.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant so concurrent starts on PostgreSQL migrate one at a time. */
const MIGRATION_LOCK_KEY = 72_400_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(): Promise<MigrationFile[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(MIGRATIONS_DIR + file, 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    }),
  );
}

/** The newest migration this code knows, e.g. { version: '0019', name: '0019_international' }. */
export async function latestMigration(): Promise<{ version: string; name: string }> {
  const last = (await readMigrations()).at(-1);
  if (!last) throw new Error(`No migrations found in ${MIGRATIONS_DIR}`);
  return { version: last.version, name: last.name };
}

/**
 * Applies pending forward-only migrations in one transaction. A migration that was applied and
 * later edited is refused: fix forward with a new numbered file instead.
 */
export async function migrate(handle: DatabaseHandle): Promise<MigrationResult> {
  const migrations = await readMigrations();
  const applied: string[] = [];
  let alreadyApplied = 0;
  await handle.inScriptTransaction(async (runner) => {
    if (handle.engine === 'postgres') {
      await runner.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    await runner.exec(`create table if not exists schema_migrations (
      version text primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    const rows = await runner.query<{ version: string; checksum: string; name: string }>(
      'select version, checksum, name from schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied. Migrations are forward-only: add a new file.`,
          );
        }
        alreadyApplied++;
        continue;
      }
      await runner.exec(m.sql);
      await runner.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      applied.push(m.name);
    }
  });
  return { applied, alreadyApplied };
}
