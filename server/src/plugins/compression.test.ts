import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerCompression } from './compression.js';

const BIG = { text: 'x'.repeat(8192) };

async function app() {
  const server = Fastify();
  await registerCompression(server);
  server.get('/api/auth/session', async () => ({ csrfToken: 'secret', ...BIG }));
  server.get('/api/results', async () => BIG);
  await server.ready();
  return server;
}

describe('registerCompression', () => {
  it('compresses ordinary answers but never those of the routes that carry the session secret', async () => {
    const server = await app();
    const headers = { 'accept-encoding': 'br, gzip' };
    const results = await server.inject({ method: 'GET', url: '/api/results', headers });
    expect(results.headers['content-encoding']).toBe('br');
    const session = await server.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(session.statusCode).toBe(200);
    expect(session.headers['content-encoding']).toBeUndefined();
    expect(session.json<{ csrfToken: string }>().csrfToken).toBe('secret');
    await server.close();
  });
});
