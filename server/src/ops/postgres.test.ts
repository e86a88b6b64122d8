import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OpsError } from './errors.js';
import { assertPostgresEmpty, dumpPostgres } from './postgres.js';

/** A port nothing listens on: bound, read, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('backup and restore against a PostgreSQL server out of reach', () => {
  it('name DATABASE_URL, with its password hidden, and why the connection failed', async () => {
    const url = `postgres://portico:s3cret-pw@127.0.0.1:${await closedPort()}/portico`;
    for (const attempt of [() => dumpPostgres(url, '/nonexistent/dump'), () => assertPostgresEmpty(url)]) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OpsError);
      const { code, message } = err as OpsError;
      expect(code).toBe('database_unreachable');
      expect(message).toContain('postgres://portico:***@127.0.0.1:');
      expect(message).toContain('(DATABASE_URL): connection failed (ECONNREFUSED)');
      expect(message).not.toContain('s3cret-pw');
    }
  });
});
