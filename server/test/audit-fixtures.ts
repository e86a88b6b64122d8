import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Caller } from '../src/lib/caller.js';
import { AuditRepository } from '../src/modules/audit/repository.js';
import { AuditService } from '../src/modules/audit/service.js';
import { TEST_DATABASE_URL } from './context.js';

/**
 * A database of its own (a new PostgreSQL database, or an embedded one in a folder), so a test
 * can tamper with the audit chain without breaking it for every other test file.
 */
export async function isolatedDatabase(): Promise<{
  database: DatabaseHandle;
  env: Record<string, string>;
  drop(): Promise<void>;
}> {
  if (TEST_DATABASE_URL) {
    const name = `portico_audit_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 8 });
    await migrate(database);
    return {
      database,
      env: { DATABASE_URL: url.toString() },
      async drop() {
        await database.close().catch(() => undefined);
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL ?? '' });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = join(await mkdtemp(join(tmpdir(), 'portico-audit-')), 'pglite');
  const database = await openDatabase({ databaseUrl: null, dataDir: dir });
  await migrate(database);
  return { database, env: { PORTICO_DATA_DIR: dir }, drop: () => database.close().catch(() => undefined) };
}

export const someone = (i = 0): Caller => ({
  userId: randomUUID(),
  role: 'staff',
  organizationId: null,
  ownPatientId: null,
  actingForPatientId: null,
  areas: [],
  sessionId: null,
  ip: `127.0.0.${(i % 250) + 1}`,
  requestId: `req-${i}`,
});

export function auditServiceFor(database: DatabaseHandle): AuditService {
  return new AuditService(new AuditRepository(database.db));
}

/** Runs `fn` with the append-only triggers off, as a database owner bent on rewriting history could. */
export async function asOwner(database: DatabaseHandle, fn: () => Promise<void>): Promise<void> {
  await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(database.db);
  try {
    await fn();
  } finally {
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(database.db);
  }
}
