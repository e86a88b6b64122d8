import { billingRoutes } from './modules/billing/routes.js';
import { billingRuleRoutes } from './modules/billing/rule-routes.js';
import { billingOfficeRoutes } from './modules/billing/office-routes.js';
import { opinionRoutes } from './modules/opinions/routes.js';
import { registrationRoutes } from './modules/registration/routes.js';
import { internationalRoutes } from './modules/international/routes.js';
import { internationalDoctorRoutes } from './modules/international/doctor-routes.js';
import { internationalEstimateRoutes } from './modules/international/estimate-routes.js';
import { fhirRoutes } from './modules/fhir/routes.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { createServices, type Services } from './lib/services.js';
import { adminRoutes } from './modules/admin/routes.js';
import { directoryRoutes } from './modules/directory/routes.js';
import { schedulingRoutes } from './modules/scheduling/routes.js';
import { connectivityRoutes } from './modules/connectivity/routes.js';
import { visitRoutes } from './modules/visits/routes.js';
import { visitSocketRoutes } from './modules/visits/socket.js';
import { proxyRoutes } from './modules/proxies/routes.js';
import { messagingRoutes } from './modules/messaging/routes.js';
import { resultRoutes } from './modules/results/routes.js';
import { profileRoutes } from './modules/profile/routes.js';
import { coverageRoutes } from './modules/profile/coverage-routes.js';
import { medicationRoutes } from './modules/medications/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { patientRoutes } from './modules/patients/routes.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerLoadShedding } from './plugins/load-shedding.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerSecurityHeaders } from './plugins/security.js';

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

/** Shared between main.ts and the routes: set once shutdown begins, so /readyz turns away new traffic. */
export interface ServerState {
  closing: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  state: ServerState;
}

/** Builds the Fastify app. Never listens: main.ts does, tests use inject() or listen on port 0. */
export async function buildApp(
  config: Config,
  database: DatabaseHandle,
  loggerOverride?: FastifyServerOptions['logger'],
): Promise<BuiltApp> {
  const app = Fastify({
    logger: loggerOverride ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  const services = createServices(config, database, app.log);

  const webDist = config.webDistDir ?? DEFAULT_WEB_DIST;
  const spa = existsSync(`${webDist}/index.html`);
  registerErrorHandling(app, { spaFallback: spa });
  const registry = registerMetrics(app);
  await registerSecurityHeaders(app, config.secureCookies);
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
  await registerAuth(app, {
    sessions: services.sessions,
    secureCookies: config.secureCookies,
    absoluteHours: config.sessionAbsoluteHours,
    publicUrl: config.publicUrl,
    records: services.proxies,
  });
  const state: ServerState = { closing: false };
  // While draining for shutdown, every answer closes its connection: keep-alive clients reconnect
  // (through the load balancer, elsewhere) rather than send on a socket about to be closed.
  app.addHook('onRequest', async (_request, reply) => {
    if (state.closing) void reply.header('connection', 'close');
  });

  const deps = { services, config };
  await app.register(healthRoutes, {
    ping: () => database.ping(),
    engine: database.engine,
    registry,
    folders: [
      ...(database.engine === 'pglite' && !config.dataDir.startsWith('memory://')
        ? [{ name: 'database', path: config.dataDir }]
        : []),
      { name: 'files', path: config.files.dir },
    ],
    minFreeBytes: config.ops.minFreeDiskMb * 1024 * 1024,
    closing: () => state.closing,
  });
  await app.register(identityRoutes, deps);
  await app.register(organizationRoutes, deps);
  await app.register(patientRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(directoryRoutes, deps);
  await app.register(schedulingRoutes, deps);
  await app.register(connectivityRoutes, deps);
  await app.register(visitRoutes, deps);
  await app.register(visitSocketRoutes, deps);
  await app.register(proxyRoutes, deps);
  await app.register(messagingRoutes, deps);
  await app.register(resultRoutes, deps);
  await app.register(profileRoutes, deps);
  await app.register(coverageRoutes, deps);
  await app.register(medicationRoutes, deps);
  await app.register(billingRoutes, deps);
  await app.register(billingRuleRoutes, deps);
  await app.register(billingOfficeRoutes, deps);
  await app.register(opinionRoutes, deps);
  await app.register(registrationRoutes, deps);
  await app.register(internationalRoutes, deps);
  await app.register(internationalDoctorRoutes, deps);
  await app.register(internationalEstimateRoutes, deps);
  await app.register(fhirRoutes, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (spa) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        // Vite fingerprints assets, so they can be cached for a year; index.html never is.
        void res.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  await services.visits.start();
  app.addHook('onClose', async () => {
    await services.visits.close();
    await services.mail.close();
  });
  return { app, services, state };
}
