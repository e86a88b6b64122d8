import type { FastifyInstance } from 'fastify';

const PREFIX = '/fhir/R4';

/**
 * Browser SMART apps run on their own origins and call /fhir/R4 with a bearer token: every origin
 * may, without credentials (`*` never lets a browser send or read with cookies, so the portal
 * session stays same-origin). Requests carry `Authorization`; answers expose what a client reads.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Location, Location, WWW-Authenticate, X-Progress, Retry-After',
} as const;

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, HEAD, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Accept, Content-Type, Prefer, X-Requested-With',
  'access-control-max-age': '600',
} as const;

const underFhir = (url: string): boolean =>
  url === PREFIX || url.startsWith(`${PREFIX}/`) || url.startsWith(`${PREFIX}?`);

/**
 * CORS for everything under /fhir/R4 (answers, errors and not-found alike, and the SMART
 * discovery document at /fhir/R4/.well-known/smart-configuration); the rest of the API stays
 * same-origin. Registered on the root so it covers routes other modules add under /fhir/R4.
 */
export function registerFhirCors(app: FastifyInstance): void {
  app.options(`${PREFIX}/*`, { schema: { hide: true } }, async (_request, reply) =>
    reply.headers(PREFLIGHT_HEADERS).status(204).send(),
  );
  // Callback style: answers outside FHIR pass without a promise to settle.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (underFhir(request.url)) {
      void reply.headers(CORS_HEADERS);
      // helmet's same-origin resource policy would stop a cross-origin no-cors read; CORS decides here.
      void reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    done(null, payload);
  });
}
