/**
 * One bench:directory target in its own Node process (started by bench/directory.ts; never on its own):
 *
 *   portico  the real app (buildApp) as shipped (log level info, NODE_ENV=production), on the bench database
 *   floor    a bare node:http server answering the same two URLs with the directory repository's own
 *            statements — the search page with its total, a count per dropped filter for an empty
 *            result, the facet queries — through the same driver (PGlite in a worker via openDatabase,
 *            or pg), with no framework, no service and no cache
 *
 * Sends `{ origin }` over IPC once listening; exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/client.js';
import { DirectoryRepository } from '../server/src/modules/directory/repository.js';
import { parseQuery } from './directory-queries.js';

const kind = process.argv[2];
const dataDir = process.env['BENCH_TARGET_DATA_DIR'] ?? 'memory://';
const databaseUrl = process.env['BENCH_TARGET_DATABASE_URL'] || null;

async function portico(): Promise<{ origin: string; close(): Promise<void> }> {
  const config = loadConfig({
    ...process.env,
    PORTICO_PORT: '0',
    PORTICO_HOST: '127.0.0.1',
    PORTICO_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { app } = await buildApp(config, database);
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

async function floor(): Promise<{ origin: string; close(): Promise<void> }> {
  const database = await openDatabase({ databaseUrl, dataDir });
  const repo = new DirectoryRepository(database.db);
  const answer = async (url: URL): Promise<string | null> => {
    if (url.pathname === '/api/directory/facets') return JSON.stringify(await repo.facets());
    if (url.pathname !== '/api/directory/clinicians') return null;
    const q = parseQuery(url.search);
    const { rows, total } = await repo.search(q.filters, { sort: q.sort, limit: q.limit, offset: q.offset });
    const relax =
      total === 0
        ? await Promise.all(
            q.present.map(async (filter) => ({
              filter,
              resultCount: await repo.count(parseQuery(url.search, filter).filters),
            })),
          )
        : [];
    return JSON.stringify({ clinicians: rows, total, page: q.page, pageSize: q.pageSize, relax });
  };
  const server = createServer((req, res) => {
    answer(new URL(req.url ?? '/', 'http://floor')).then(
      (text) => {
        if (text === null) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      },
      (err: unknown) => {
        console.error(err);
        res.writeHead(500).end();
      },
    );
  });
  const origin = await new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
  return {
    origin,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

const start = kind === 'portico' ? portico : kind === 'floor' ? floor : null;
if (!start || !process.send) {
  console.error('bench/directory-targets.ts is started by bench/directory.ts (portico | floor).');
  process.exit(1);
}
const target = await start();
process.send({ origin: target.origin });
process.on('disconnect', () => {
  void target.close().finally(() => process.exit(0));
});
