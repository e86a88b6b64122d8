/**
 * The reference for bench/overload.ts's turned-away answers, in its own Node process: a bare
 * node:http server that answers every request with the same 503 problem and Retry-After as
 * Portico's load shedding, from memory, before reading anything else. The load generator asks it
 * beside the real load, so its p99 is what that client can measure for an answer given at once.
 * Sends `{ origin }` over IPC once listening; exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({
  type: 'https://portico.invalid/problems/overloaded',
  title: 'Service unavailable',
  status: 503,
  code: 'overloaded',
  detail: 'Portico is very busy right now. Please try again in a few seconds.',
  retryAfterSeconds: 2,
});

const server = createServer((_req, res) => {
  res.writeHead(503, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'retry-after': '2',
  });
  res.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ origin: `http://127.0.0.1:${port}` });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
