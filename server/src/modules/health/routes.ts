import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { typed } from '../../lib/route-types.js';

export interface HealthDeps {
  ping: () => Promise<void>;
  engine: string;
}

const Status = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

/** Liveness, readiness (database reachable) and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const r = typed(app);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'portico_' });
  const duration = new Histogram({
    name: 'portico_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids in paths must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

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
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
