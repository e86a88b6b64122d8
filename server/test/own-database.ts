import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { TEST_DATABASE_URL } from './context.js';

/**
 * A database of this test file's own, for tests that load the whole demo or count every row: a
 * new PostgreSQL database named `<prefix>_<random>` on PORTICO_TEST_DATABASE_URL's server (dropped
 * by `drop`), or an embedded one in memory.
 */
export async function ownDatabase(prefix: string): Promise<{ database: DatabaseHandle; drop(): Promise<void> }> {
  const server = TEST_DATABASE_URL;
  if (!server) {
    return { database: await openDatabase({ databaseUrl: null, dataDir: 'memory://' }), drop: async () => undefined };
  }
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 4 }),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
