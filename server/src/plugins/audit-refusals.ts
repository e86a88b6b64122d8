import type { FastifyInstance } from 'fastify';
import { anonymousCaller, type Caller } from '../lib/caller.js';
import { RefusalBudget, type RefusalSummary } from './refusal-budget.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set for every route as it is added (registerRefusalAudit): its 401/403/404 answers are audited. */
    auditRefusals?: boolean;
  }
  interface FastifyInstance {
    /** Every route added after registerRefusalAudit, with whether its refusals are audited (tests walk it). */
    refusalAuditRoutes: () => readonly RefusalRoute[];
  }
}

/** What a refusal writes: the audit module's `record`, passed in (plugins never import modules). */
export type RecordRefusal = (
  caller: Caller,
  entry: {
    action: string;
    entityType: string;
    patientId: string | null;
    outcome: 'denied';
    detail: Record<string, string | number | boolean>;
  },
) => Promise<unknown>;

export interface RefusalRoute {
  method: string;
  url: string;
  audited: boolean;
}

/**
 * Routes under /api and /fhir that hold no patient data, so their refusals are not audited:
 * signing in and its set-up, the public directory and calendars, the connection check, server
 * metadata. Everything else under /api and /fhir is audited when it answers 401, 403 or 404 —
 * a new route is audited unless someone adds it here on purpose (audit-refusals.int.test.ts
 * checks that every entry still names a real route).
 */
export const NOT_PHI_ROUTES: readonly RegExp[] = [
  // Sign-in, sessions, second factors, passkeys, SSO: the caller's own account, no record.
  /^\/api\/auth(\/|$)/,
  // The public clinician directory and the public calendars beside it.
  /^\/api\/directory(\/|$)/,
  /^\/api\/holidays$/,
  // The device and network check before a visit (no sign-in, nothing stored).
  /^\/api\/connectivity(\/|$)/,
  // The API description, and the FHIR server's capability statement and SMART configuration.
  /^\/api\/openapi\.json$/,
  /^\/fhir\/R4\/metadata$/,
  /^\/fhir\/R4\/\.well-known\//,
];

/** Whether a route (its pattern, as registered) has its refusals audited. */
export function auditsRefusals(url: string): boolean {
  if (!url.startsWith('/api/') && !url.startsWith('/fhir/')) return false;
  return !NOT_PHI_ROUTES.some((re) => re.test(url));
}

/**
 * Audits every 401/403/404 answer of a route that may hold patient data before it is sent:
 * probing for records by guessed ids or without a session leaves a trail. Each route is classified
 * once, as it is added (`auditRefusals` in its config); a path no route matches reads nothing and is
 * not audited. Only the route's pattern, the method and the status are kept: never a query string,
 * which could carry a name someone searched for. Rows go through the audit module's group appender.
 */
export function registerRefusalAudit(
  app: FastifyInstance,
  record: RecordRefusal,
  opts: { anonymousPerMinute: number } = { anonymousPerMinute: 0 },
): void {
  const routes: RefusalRoute[] = [];
  // Callers without a session get a budget of rows per address and minute; the rest are summed.
  const budget = new RefusalBudget(opts.anonymousPerMinute);
  const summarize = (s: RefusalSummary) =>
    record(anonymousCaller(s.ip, 'refusal-summary'), {
      action: 'http.refused.summary',
      entityType: 'Request',
      patientId: null,
      outcome: 'denied',
      detail: { count: s.count, windowStart: s.windowStart.toISOString() },
    }).catch((err: unknown) => app.log.warn({ err }, 'refusal summary not audited'));
  if (opts.anonymousPerMinute > 0) {
    const flush = setInterval(() => budget.sweep().forEach((s) => void summarize(s)), 15_000);
    flush.unref();
    // Windows still open at shutdown are written before the database closes.
    app.addHook('onClose', async () => {
      clearInterval(flush);
      await Promise.all(budget.sweep(Number.POSITIVE_INFINITY).map(summarize));
    });
  }
  app.decorate('refusalAuditRoutes', () => routes);
  app.addHook('onRoute', (route) => {
    const audited = auditsRefusals(route.url);
    route.config = { ...route.config, auditRefusals: audited };
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, audited });
  });
  // Callback style: the common answer (not a refusal) passes without a promise to settle.
  app.addHook('onSend', (request, reply, payload, done) => {
    const status = reply.statusCode;
    if (status !== 401 && status !== 403 && status !== 404) return done(null, payload);
    if (request.routeOptions.config.auditRefusals !== true) return done(null, payload);
    const caller = request.caller ?? anonymousCaller(request.ip, request.id);
    if (!request.caller?.userId) {
      const { audit, ended } = budget.take(request.ip);
      if (ended) void summarize(ended);
      if (!audit) return done(null, payload);
    }
    const route = request.routeOptions.url ?? '';
    record(caller, {
      action: 'http.refused',
      entityType: 'Request',
      patientId: caller.actingForPatientId,
      outcome: 'denied',
      detail: { method: request.method, route, status },
    }).then(
      () => done(null, payload),
      (err: unknown) => {
        // The refusal stands either way; nothing was read or changed.
        request.log.warn({ err }, 'refusal not audited');
        done(null, payload);
      },
    );
  });
}
