import { Readable } from 'node:stream';
import {
  AuditList,
  AuditQuery,
  AuditReportQuery,
  CreateUserBody,
  IdParams,
  MfaPolicy,
  MfaPolicyBody,
  MfaPolicyList,
  OutboxList,
  OutboxMessage,
  UserList,
  UserSearchQuery,
  UserSummary,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { validation } from '../../lib/errors.js';
import { auditCsv } from '../audit/index.js';

const tags = ['admin'];

/** Workforce accounts, second-factor policy, the mail outbox and the audit log. */
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

  r.get('/api/admin/mfa-policy', { schema: { tags, response: { 200: MfaPolicyList } } }, async (request) =>
    services.mfaPolicy.list(requireAuth(request, ['admin'])),
  );

  r.get(
    '/api/admin/organizations/:id/mfa-policy',
    { schema: { tags, params: IdParams, response: { 200: MfaPolicy } } },
    async (request) => services.mfaPolicy.get(requireAuth(request, ['admin']), request.params.id),
  );

  r.put(
    '/api/admin/organizations/:id/mfa-policy',
    {
      schema: {
        tags,
        params: IdParams,
        body: MfaPolicyBody,
        response: { 200: MfaPolicy },
        description: 'Needs a recent step-up (403 step_up_required otherwise).',
      },
    },
    async (request) => services.mfaPolicy.update(requireAuth(request, ['admin']), request.params.id, request.body),
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
        detail: {
          results: result.events.length,
          byPatientNameOrMrn: Boolean(request.query.patient?.trim()),
          byUser: Boolean(request.query.userId || request.query.user?.trim()),
        },
      });
      return result;
    },
  );

  r.get(
    '/api/admin/audit/report.csv',
    {
      schema: {
        tags,
        querystring: AuditReportQuery,
        produces: ['text/csv'],
        description: "Privacy-officer report: every event about one patient's record, or by one user, as CSV.",
      },
    },
    async (request, reply) => {
      const caller = requireAuth(request, ['admin']);
      const q = request.query;
      if (!q.patientId && !q.patient?.trim() && !q.userId && !q.user?.trim()) {
        throw validation([{ field: 'patient', message: 'Choose a patient or a user for the report.' }]);
      }
      const events = services.audit.report(q); // checks the filters (a mistyped MRN is a 400) first
      // The download is itself an access to patient data: recorded before the first row leaves.
      await services.audit.record(caller, {
        action: 'audit.report.download',
        entityType: 'AuditEvent',
        patientId: q.patientId ?? null,
        outcome: 'allowed',
        detail: {
          byPatientNameOrMrn: Boolean(q.patient?.trim()),
          byUser: Boolean(q.userId || q.user?.trim()),
          from: q.from ?? '',
          to: q.to ?? '',
        },
      });
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="portico-audit-report-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(auditCsv(events)));
    },
  );
}
