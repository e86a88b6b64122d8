import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySerializers } from './lazy-schemas.js';

const Person = {
  type: 'object',
  properties: { name: { type: 'string' }, visits: { type: 'integer' } },
  required: ['name'],
} as const;
const Problem = { type: 'object', properties: { code: { type: 'string' } } } as const;

async function app(serializers = lazySerializers()) {
  const server = Fastify({
    schemaController: { compilersFactory: { buildSerializer: serializers.buildSerializer } },
  });
  // Each answer carries a field the schema does not declare: it must never leave the server.
  server.get('/person', { schema: { response: { 200: Person, 404: Problem } } }, async (request, reply) => {
    if ((request.query as { missing?: string }).missing) return reply.code(404).send({ code: 'not_found', secret: 1 });
    return { name: 'Ana', visits: '3', secret: 'ssn' };
  });
  server.get('/other', { schema: { response: { 200: Person } } }, async () => ({ name: 'Ben' }));
  await server.ready();
  return { server, serializers };
}

describe('lazySerializers', () => {
  it('builds no serializer at start, and each one on its first answer', async () => {
    const { server, serializers } = await app();
    await server.inject({ method: 'GET', url: '/person' });
    await server.inject({ method: 'GET', url: '/person' });
    // /person's 200 is built. Still waiting: its 404, /other's 200, and the three of the HEAD
    // routes Fastify adds beside each GET.
    expect(serializers.compileAll()).toBe(5);
    expect(serializers.compileAll()).toBe(0);
    await server.close();
  });

  it('answers exactly as Fastify compiling at start does: undeclared fields stripped, types coerced', async () => {
    const eager = Fastify();
    eager.get('/person', { schema: { response: { 200: Person } } }, async () => ({
      name: 'Ana',
      visits: '3',
      secret: 'ssn',
    }));
    const { server } = await app();
    const lazy = await server.inject({ method: 'GET', url: '/person' });
    const reference = await eager.inject({ method: 'GET', url: '/person' });
    expect(lazy.body).toBe('{"name":"Ana","visits":3}');
    expect(lazy.body).toBe(reference.body);
    const missing = await server.inject({ method: 'GET', url: '/person?missing=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('{"code":"not_found"}');
    await server.close();
    await eager.close();
  });

  it('lets a test find a response schema that cannot compile, which start-up no longer does', async () => {
    const serializers = lazySerializers();
    const server = Fastify({
      schemaController: { compilersFactory: { buildSerializer: serializers.buildSerializer } },
    });
    server.get('/broken', { schema: { response: { 200: { $ref: 'Nowhere#' } } } }, async () => ({}));
    await server.ready();
    expect(() => serializers.compileAll()).toThrow(/Nowhere/);
    await server.close();
  });
});
