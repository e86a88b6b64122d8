import {
  AuditList,
  AuditQuery,
  CreateUserBody,
  IdParams,
  OutboxList,
  OutboxMessage,
  UserList,
  UserSearchQuery,
  UserSummary,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['admin'];

/** Workforce accounts, the mail outbox and the audit log. */
export async function adminRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);

  r.get(
    '/api/admin/users',
    { schema: { tags, querystring: UserSearchQuery, response: { 200: UserList } } },
    async (request) => services.workforce.listUsers(requireAuth(request, ['admin', 'staff']), request.query),
  );

  r.post(
    '/api/admin/users',
    { schema: { tags, body: CreateUserBody, response: { 201: UserSummary } } },
    async (request, reply) => {
      const user = await services.workforce.createWorkforceUser(requireAuth(request, ['admin', 'staff']), request.body);
      return reply.status(201).send(user);
    },
  );

  r.get('/api/admin/outbox', { schema: { tags, response: { 200: OutboxList } } }, async (request) => {
    requireAuth(request, ['admin']);
    return services.mail.list();
  });

  r.get(
    '/api/admin/outbox/:id',
    { schema: { tags, params: IdParams, response: { 200: OutboxMessage } } },
    async (request) => {
      requireAuth(request, ['admin']);
      return services.mail.get(request.params.id);
    },
  );

  r.get(
    '/api/admin/audit',
    { schema: { tags, querystring: AuditQuery, response: { 200: AuditList } } },
    async (request) => {
      const caller = requireAuth(request, ['admin']);
      const result = await services.audit.search(request.query);
      // Reading the audit trail is itself an access to patient data when filtered by patient.
      await services.audit.record(caller, {
        action: 'audit.search',
        entityType: 'AuditEvent',
        patientId: request.query.patientId ?? null,
        outcome: 'allowed',
        detail: { results: result.events.length, byPatientNameOrMrn: Boolean(request.query.patient?.trim()) },
      });
      return result;
    },
  );
}
