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

/** Strict security headers on every answer; API answers are never cached. */
export function registerSecurityHeaders(app: FastifyInstance, secure: boolean): void {
  const headers = securityHeaders(secure);
  // Set before the route runs, so a route (FHIR's CORS) may still change one for its own answers.
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    // Patient data must not sit in shared caches or the back/forward cache of a shared computer.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
