/**
 * Worker-thread entry that runs embedded PGlite (WASM PostgreSQL and its synchronous file I/O)
 * off the server's main thread. It answers one request at a time in arrival order; the main
 * thread (pglite-remote.ts) decides who may send, so a transaction holds the database exclusively.
 * Compiled to server/dist/pglite-worker.js by scripts/build-server.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { RANDOM_PAGE_COST } from './planner.js';
import { PreparedStatements } from './pglite-prepared.js';
import type { WorkerError, WorkerHello, WorkerOpenOptions, WorkerRequest, WorkerResponse } from './pglite-protocol.js';

const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string): string => value;

/** An error's message and its plain fields (PostgreSQL's `code`, `constraint`, `detail`, …). */
function plainError(err: unknown): WorkerError {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: WorkerError = { message: err.message, name: err.name };
  for (const [key, value] of Object.entries(err)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

async function answer(pglite: PGlite, prepared: PreparedStatements, request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.op) {
    case 'query': {
      const started = performance.now();
      const result = await prepared.query(request.sql, request.params);
      return {
        id: request.id,
        ok: true,
        ms: performance.now() - started,
        rows: result.rows,
        ...(result.affectedRows !== undefined ? { affectedRows: result.affectedRows } : {}),
      };
    }
    case 'exec':
      // A script (migrations) may change tables that prepared statements read.
      await prepared.forget();
      await pglite.exec(request.sql);
      return { id: request.id, ok: true };
    case 'dump': {
      const archive = await (await pglite.dumpDataDir('gzip')).arrayBuffer();
      return { id: request.id, ok: true, archive };
    }
    case 'close':
      await pglite.close();
      return { id: request.id, ok: true };
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker must run in a worker thread');
  const opts = workerData as WorkerOpenOptions;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(opts.dataDir, {
      extensions: { btree_gist, citext, pg_trgm },
      parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
      startParams: [
        ...PGlite.defaultStartParams,
        '-c',
        `shared_buffers=${opts.cacheMb}MB`,
        '-c',
        `random_page_cost=${RANDOM_PAGE_COST}`,
      ],
      ...(opts.template ? { loadDataDir: new Blob([opts.template]) } : {}),
    });
  } catch (err) {
    port.postMessage({ ready: false, error: plainError(err) } satisfies WorkerHello);
    return;
  }
  const prepared = new PreparedStatements(pglite);
  // One at a time, in order: the main thread's lock already serialises, this keeps it so.
  let tail: Promise<void> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    tail = tail.then(async () => {
      let response: WorkerResponse;
      try {
        response = await answer(pglite, prepared, request);
      } catch (err) {
        response = { id: request.id, ok: false, error: plainError(err) };
      }
      try {
        port.postMessage(response, response.ok && response.archive ? [response.archive] : []);
      } catch (err) {
        // A value that cannot cross threads (DataCloneError) fails this request, not the worker.
        port.postMessage({ id: request.id, ok: false, error: plainError(err) } satisfies WorkerResponse);
      }
      if (request.op === 'close') port.close();
    });
  });
  port.postMessage({ ready: true } satisfies WorkerHello);
}

void main();
