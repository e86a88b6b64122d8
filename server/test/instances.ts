import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { TEST_DATABASE_URL } from './context.js';

/** The Redis the multi-instance tests use for the Redis bus (CI sets it; a local one otherwise). */
export const REDIS_URL = process.env['PORTICO_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * A second Portico process in all but name: its own pool, bus connection, caches and instance id,
 * on the same database (so only on PostgreSQL). With `listen`, on a loopback port named by `host`.
 */
export async function secondInstance(env: Record<string, string>, opts: { listen?: boolean } = {}) {
  const database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 4 });
  const config = loadConfig({ PORTICO_LOG_LEVEL: 'silent', PORTICO_AUTH_RATE_LIMIT: '1000', ...env });
  const { app, services } = await buildApp(config, database, false);
  if (opts.listen) await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    services,
    host: opts.listen ? `127.0.0.1:${(app.server.address() as AddressInfo).port}` : '',
    async close() {
      await app.close();
      await database.close();
    },
  };
}
