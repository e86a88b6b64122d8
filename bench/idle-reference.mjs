// One bench:idle reference in its own plain Node process (started by bench/idle.ts; no TypeScript
// loader, so the loader's memory is not counted):
//
//   database  the embedded database as Portico opens it — the compiled worker
//             (server/dist/pglite-worker.js) on the same data folder with the same page cache —
//             after one query, beside a node:http server answering /readyz. What the embedded
//             design costs before any of Portico's own code.
//   bare      a node:http server answering /readyz: Node's own footprint on this machine.
//
// Listens on PORTICO_PORT; closes the database and exits on SIGINT or SIGTERM.
import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';

const kind = process.argv[2];
const port = Number(process.env.PORTICO_PORT);
let worker = null;

if (kind === 'database') {
  worker = new Worker(new URL('../server/dist/pglite-worker.js', import.meta.url), {
    workerData: { dataDir: process.env.PORTICO_DATA_DIR, cacheMb: Number(process.env.PORTICO_EMBEDDED_CACHE_MB ?? 16) },
  });
  await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (hello) => (hello.ready ? resolve() : reject(new Error(hello.error.message))));
  });
  await new Promise((resolve, reject) => {
    worker.once('message', (reply) => (reply.ok ? resolve() : reject(new Error(reply.error.message))));
    worker.postMessage({ id: 1, op: 'query', sql: 'select count(*) from organizations', params: [] });
  });
} else if (kind !== 'bare') {
  console.error('bench/idle-reference.mjs is started by bench/idle.ts (database | bare).');
  process.exit(1);
}

const server = createServer((req, res) => {
  res.writeHead(req.url === '/readyz' ? 200 : 404, { 'content-type': 'application/json' }).end('{"status":"ok"}');
});
server.listen(port, '127.0.0.1');
// bench:idle stops every target with SIGINT, as Ctrl-C stops Portico.
const stop = () => {
  server.close();
  if (!worker) process.exit(0);
  // Closed as Portico closes it, so the next process opens a clean folder.
  worker.once('message', () => void worker.terminate().then(() => process.exit(0)));
  worker.postMessage({ id: 2, op: 'close' });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
