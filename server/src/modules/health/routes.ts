import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Registry } from 'prom-client';
import { typed } from '../../lib/route-types.js';

export interface HealthDeps {
  ping: () => Promise<void>;
  engine: string;
  registry: Registry;
}

const Status = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

/** Liveness, readiness (database reachable) and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const r = typed(app);
  r.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));

  r.get('/readyz', { schema: { hide: true, response: { 200: Status, 503: Status } } }, async (_request, reply) => {
    try {
      await deps.ping();
      return { status: 'ready', database: deps.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.engine });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', deps.registry.contentType);
    return deps.registry.metrics();
  });
}
