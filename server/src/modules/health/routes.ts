import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Registry } from 'prom-client';
import { folderProblems, type Folder } from '../../lib/disk.js';
import { unavailableReason } from '../../lib/pg-errors.js';
import { typed } from '../../lib/route-types.js';

export interface HealthDeps {
  ping: () => Promise<void>;
  engine: string;
  registry: Registry;
  /** Folders that must take writes: the embedded database's and the uploaded files'. */
  folders: Folder[];
  minFreeBytes: number;
  /** True once shutdown has begun: the load balancer should stop sending traffic here. */
  closing: () => boolean;
}

const Status = Type.Object({
  status: Type.String(),
  database: Type.Optional(Type.String()),
  reasons: Type.Optional(Type.Array(Type.String())),
});

/** A readiness probe must answer even when the database hangs. */
const PING_TIMEOUT_MS = 2000;

async function databaseProblem(ping: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database: no answer within ${PING_TIMEOUT_MS} ms`), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => null), timeout]);
  } catch (err) {
    return `database: ${unavailableReason(err) ?? 'query failed'}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness, readiness (database answers, folders take writes, not shutting down) and metrics. */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const r = typed(app);
  r.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));

  r.get('/readyz', { schema: { hide: true, response: { 200: Status, 503: Status } } }, async (_request, reply) => {
    const [database, ...folders] = await Promise.all([
      databaseProblem(deps.ping),
      ...deps.folders.map((f) => folderProblems(f, deps.minFreeBytes)),
    ]);
    const reasons = [...(deps.closing() ? ['shutting down'] : []), ...(database ? [database] : []), ...folders.flat()];
    if (reasons.length === 0) return { status: 'ready', database: deps.engine };
    void reply.header('cache-control', 'no-store');
    return reply.status(503).send({ status: 'unavailable', database: deps.engine, reasons });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', deps.registry.contentType);
    return deps.registry.metrics();
  });
}
