import { spawn } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import pg from 'pg';
import { safeDatabaseUrl } from '../db/client.js';
import { unavailableReason } from '../lib/pg-errors.js';
import { OpsError } from './errors.js';

/**
 * The connection string without its password, and the password for PGPASSWORD, so the password
 * never shows in a process list or an error message.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv; where: string } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password !== '') env['PGPASSWORD'] = password;
  return { dbname: parsed.toString(), env, where: `${parsed.host}${parsed.pathname}` };
}

/** A connected client, or an error naming DATABASE_URL (password hidden) and why it failed. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    const reason = unavailableReason(err) ?? (err instanceof Error ? err.message : String(err));
    throw new OpsError(
      'database_unreachable',
      `Cannot reach PostgreSQL at ${safeDatabaseUrl(url)} (DATABASE_URL): ${reason}. Check that the server is running and that DATABASE_URL is right.`,
    );
  }
  return client;
}

async function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', (e) =>
      fail(new OpsError('tool_failed', `${tool} could not run (${e.message}); install the PostgreSQL client tools.`)),
    );
    child.on('close', (code) => {
      if (code === 0) ok(out);
      else fail(new OpsError('tool_failed', `${tool} failed (exit ${code}): ${err.trim().slice(0, 2000)}`));
    });
  });
}

/** "pg_dump (PostgreSQL) 15.20" → 15. */
export async function toolMajor(tool: string): Promise<number> {
  const text = await run(tool, ['--version'], process.env);
  return Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? '0');
}

/**
 * `pg_dump -Fc` from an exported snapshot: the schema version is read in the very snapshot the
 * dump copies, and writes that go on meanwhile are simply not in it.
 */
export async function dumpPostgres(
  url: string,
  target: string,
): Promise<{ schemaVersion: string; schemaName: string; method: string }> {
  const conn = toolConnection(url);
  const client = await connect(url);
  try {
    const server = Number((await client.query<{ v: string }>('show server_version_num')).rows[0]?.v ?? '0');
    const major = await toolMajor('pg_dump');
    if (major < Math.floor(server / 10_000)) {
      throw new OpsError(
        'tool_failed',
        `pg_dump ${major} is older than the server (${Math.floor(server / 10_000)}); install a matching client.`,
      );
    }
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? '';
    const schema = (
      await client.query<{ version: string; name: string }>(
        'select version, name from schema_migrations order by version desc limit 1',
      )
    ).rows[0] ?? { version: '0000', name: 'none' };
    await run(
      'pg_dump',
      ['-Fc', '--no-owner', `--snapshot=${snapshot}`, '-f', target, '--dbname', conn.dbname],
      conn.env,
    );
    await client.query('commit');
    await chmod(target, 0o600);
    return { schemaVersion: schema.version, schemaName: schema.name, method: `pg_dump ${major} -Fc (one snapshot)` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Refuses a database that already has tables, sequences or views of its own. */
export async function assertPostgresEmpty(url: string): Promise<void> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*)::text as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r','p','v','m','S','f')
          and n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_toast%'`,
    );
    if (Number(rows[0]?.n ?? '0') > 0) {
      throw new OpsError(
        'restore_target_not_empty',
        `The database at ${toolConnection(url).where} is not empty (${rows[0]?.n} tables, views or sequences). Restore into a new database (createdb) named by DATABASE_URL.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** pg_restore of a `-Fc` dump, all or nothing (one transaction). */
export async function restorePostgres(url: string, dumpFile: string): Promise<void> {
  const conn = toolConnection(url);
  await run(
    'pg_restore',
    // Objects belong to the role restoring them (Portico's); grants to other roles are re-made by hand.
    ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', '--dbname', conn.dbname, dumpFile],
    conn.env,
  );
}
