import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import type { ModuleOptions, Services, ServerState } from './lib/module.js';
import { MODULES } from './modules.js';
import { registerAuth } from './plugins/auth.js';
import { registerRefusalAudit } from './plugins/audit-refusals.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerLoadShedding } from './plugins/load-shedding.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { registerCompression } from './plugins/compression.js';
import { lazySerializers } from './plugins/lazy-schemas.js';
import { requestIds, SampledRequestLog } from './plugins/request-log.js';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Fields that must never reach a log line: secrets and anything identifying a patient. */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.activationCode',
  '*.email',
  '*.birthDate',
  '*.givenName',
  '*.familyName',
  '*.phone',
];

/**
 * pino options: redaction, and a request serializer that drops the query string — searches
 * (`?q=<name>`) and emailed links (`?token=`) must never land in a log file.
 */
export function loggerOptions(level: string, stream?: { write(msg: string): void }) {
  return {
    level,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        remoteAddress: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}

export type { ServerState, Services } from './lib/module.js';

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  state: ServerState;
  /** Builds every response serializer still waiting for its route's first answer; how many. */
  compileSerializers(): number;
}

/** Builds the Fastify app. Never listens: main.ts does, tests use inject() or listen on port 0. */
export async function buildApp(
  config: Config,
  database: DatabaseHandle,
  loggerOverride?: FastifyServerOptions['logger'],
): Promise<BuiltApp> {
  // Response serializers are built on a route's first answer (plugins/lazy-schemas.ts).
  const serializers = lazySerializers();
  const app = Fastify({
    logger: loggerOverride ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIds(),
    logController: new SampledRequestLog(config.requestLogSample),
    schemaController: { compilersFactory: { buildSerializer: serializers.buildSerializer } },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  // Filled by the modules as they register (lib/module.ts); complete once buildApp returns.
  const services = {} as Services;
  app.decorate('services', services);

  const webDist = config.webDistDir ?? DEFAULT_WEB_DIST;
  const spa = existsSync(`${webDist}/index.html`);
  registerErrorHandling(app, { spaFallback: spa });
  const registry = registerMetrics(app);
  registerSecurityHeaders(app, config.secureCookies);
  await registerCompression(app);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Portico API', version: '0.1.0', description: 'Patient portal with virtual visits' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'portico_session' } } },
    },
  });
  // Before auth: an overloaded server turns requests away without a single database query.
  await registerLoadShedding(app, {
    ops: config.ops,
    waiting: () => database.waiting(),
    standingWaitMs: () => database.queueDelay.standingMs(),
  });
  // Before the modules: every route they add must see the caller. The session and record
  // look-ups are the identity and proxies modules', asked per request once those are registered.
  await registerAuth(app, {
    sessions: { resolve: (token, touch) => services.sessions.resolve(token, touch) },
    secureCookies: config.secureCookies,
    absoluteHours: config.sessionAbsoluteHours,
    publicUrl: config.publicUrl,
    records: { resolve: (facts) => services.proxies.resolve(facts) },
  });
  // Modules fill `services` as they register; a refusal is recorded long after that.
  registerRefusalAudit(app, (caller, entry) => services.audit.record(caller, entry), {
    anonymousPerMinute: config.audit.anonymousRefusalsPerMinute,
  });
  const state: ServerState = { closing: false };
  // While draining for shutdown, every answer closes its connection: keep-alive clients reconnect
  // (through the load balancer, elsewhere) rather than send on a socket about to be closed.
  // Decided as the answer is sent, so a request that arrived just before the signal closes too.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (state.closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  const core: ModuleOptions = { config, database, metrics: registry, state };
  for (const module of MODULES) await app.register(module, core);
  // Cached session look-ups are forgotten on every instance: invalidations ride the visit bus.
  services.sessions.cache.attach(services.visits.sessionInvalidations);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (spa) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside every text asset (web/src/app/build/precompressPlugin.ts).
      preCompressed: true,
      setHeaders: (res, filePath) => {
        // Vite fingerprints assets, so they can be cached for a year; index.html never is.
        void res.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return { app, services, state, compileSerializers: () => serializers.compileAll() };
}
