import type { FastifyInstance } from 'fastify';
import { anonymousCaller, type Caller } from '../lib/caller.js';

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

/**
 * The parts of the API that hold patient data. A refusal there (401, 403 or 404) is audited as
 * well as allowed access: probing for records by guessed ids or without a session leaves a trail.
 */
const PHI_PATHS = [
  /^\/api\/(patients|profile|coverages|appointments|appointment-requests|visits|messages|results|medications|refills)(\/|\?|$)/,
  /^\/api\/(billing|second-opinions|uploads|international|records|proxies|health-summary|documents)(\/|\?|$)/,
  /^\/fhir\//,
];

export const isPhiPath = (url: string): boolean => PHI_PATHS.some((re) => re.test(url));

/**
 * Audits every 401/403/404 answer on a PHI route before it is sent. Only the route's pattern (or,
 * when no route matched, the path without its query string), the method and the status are kept:
 * never a query string, which could carry a name someone searched for.
 */
export function registerRefusalAudit(app: FastifyInstance, record: RecordRefusal): void {
  // Callback style: the common answer (not a refusal) passes without a promise to settle.
  app.addHook('onSend', (request, reply, payload, done) => {
    const status = reply.statusCode;
    if (status !== 401 && status !== 403 && status !== 404) return done(null, payload);
    const path = request.url.split('?')[0] ?? '';
    if (!isPhiPath(path)) return done(null, payload);
    const caller = request.caller ?? anonymousCaller(request.ip, request.id);
    const route = request.routeOptions.url ?? path.slice(0, 200);
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
