import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy: our own origin only — no CDNs, fonts, analytics or any other third
 * party, ever. `connect-src 'self'` covers ws(s) on our origin for signaling.
 */
function contentSecurityPolicy(secure: boolean): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['media-src', "'self' blob:"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ];
  const policy = directives.map(([name, value]) => `${name} ${value}`);
  if (secure) policy.push('upgrade-insecure-requests');
  return policy.join(';');
}

/**
 * Every answer's security headers, worked out once at start: the same set helmet sent (its
 * defaults, with our CSP, no COEP, no referrer), without building them again per request
 * (issue 16, lever 3).
 */
export function securityHeaders(secure: boolean): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': contentSecurityPolicy(secure),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=()',
  });
}

/**
 * The headers of an answer that is data (JSON, problem JSON, FHIR JSON) and never rendered as a
 * page: the set OWASP's REST Security Cheat Sheet gives for API answers. The rest of the document
 * set (opener, referrer and permissions policies, DNS prefetch…) acts only on pages, and each
 * answer would carry 500 bytes more for nothing (issue 16, lever 3).
 */
export function dataHeaders(secure: boolean): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    // Kept on data: another site's page cannot read a patient's JSON into its process (Spectre).
    'cross-origin-resource-policy': 'same-origin',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
}

const DATA_TYPE = /^application\/(?:[\w.-]+\+)?json\b/;

/** Whether an answer of this Content-Type is data rather than something a browser renders. */
export const isDataType = (type: unknown): boolean => typeof type === 'string' && DATA_TYPE.test(type);

/**
 * Strict security headers on every answer, chosen by what it is: data gets the API set, anything
 * else (pages, scripts, styles, images, files) the full document set. A header the route already
 * set is left as it is; API answers are never cached.
 */
export function registerSecurityHeaders(app: FastifyInstance, secure: boolean): void {
  const documents = Object.entries(securityHeaders(secure));
  const data = Object.entries(dataHeaders(secure));
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of isDataType(reply.getHeader('content-type')) ? data : documents) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    // Patient data must not sit in shared caches or the back/forward cache of a shared computer.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
