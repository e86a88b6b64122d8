import { GrantBody, IdParams, OpenRecordBody, ProxyGrant, ProxyGrantList, RecordList } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['proxies'];

/** Proxy access: sharing a record, switching between records, withdrawing access. */
export async function proxyRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { proxies, stepUp } = services;

  r.get('/api/records', { schema: { tags, response: { 200: RecordList } } }, async (request) =>
    proxies.records(requireAuth(request), request.session?.displayName ?? ''),
  );

  r.put(
    '/api/records/current',
    { schema: { tags, body: OpenRecordBody, response: { 200: RecordList } } },
    async (request) => {
      const caller = requireAuth(request);
      await proxies.open(caller, request.body.patientId);
      const self = caller.ownPatientId === request.body.patientId;
      return proxies.records(
        { ...caller, actingForPatientId: self ? caller.ownPatientId : request.body.patientId },
        request.session?.displayName ?? '',
      );
    },
  );

  r.get('/api/proxies', { schema: { tags, response: { 200: ProxyGrantList } } }, async (request) =>
    proxies.list(requireAuth(request)),
  );

  // Giving record access is a sensitive change: every account confirms it is them first (step-up),
  // the patient sharing their own record and staff recording a proxy alike.
  r.post(
    '/api/proxies',
    { schema: { tags, body: GrantBody, response: { 201: ProxyGrant } } },
    async (request, reply) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return reply.code(201).send(await proxies.grant(caller, request.body));
    },
  );

  r.post(
    '/api/patients/:id/proxies',
    { schema: { tags, params: IdParams, body: GrantBody, response: { 201: ProxyGrant } } },
    async (request, reply) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return reply.code(201).send(await proxies.grantByStaff(caller, request.params.id, request.body));
    },
  );

  r.delete('/api/proxies/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await proxies.revoke(requireAuth(request), request.params.id);
    return reply.code(204).send();
  });

  r.post(
    '/api/proxies/:id/teen-consent',
    { schema: { tags, params: IdParams, response: { 200: ProxyGrant } } },
    async (request) => proxies.teenConsent(requireAuth(request), request.params.id),
  );
}
