import {
  AssignCoordinatorBody,
  ConfirmProfileBody,
  Coordinator,
  DoctorLink,
  DoctorLinkBody,
  IdParams,
  InternationalPatient,
  InternationalProfile,
  InternationalRequest,
  NewRequestBody,
  PatientIdParams,
  RequestReplyBody,
  RequestStatus,
  RequestStatusBody,
  Uuid,
} from '@portico/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { CENTER_STAFF } from './access.js';

const tags = ['international'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;
const ANYONE = ['patient', 'proxy', 'staff', 'admin'] as const;
const QueueQuery = Type.Object({ status: Type.Optional(RequestStatus) }, { additionalProperties: false });
const FileParams = Type.Object({ id: Uuid, replyId: Uuid }, { additionalProperties: false });
const LinkParams = Type.Object({ id: Uuid, linkId: Uuid }, { additionalProperties: false });

/** The international patient center: profile, coordinator, requests and their replies. */
export async function internationalRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const center = services.international.center;
  const links = services.international.doctorLinks;

  r.get('/api/international/profile', { schema: { tags, response: { 200: InternationalProfile } } }, async (request) =>
    center.profile(requireAuth(request, PATIENT_SIDE)),
  );
  r.put(
    '/api/international/profile',
    { schema: { tags, body: ConfirmProfileBody, response: { 200: InternationalProfile } } },
    async (request) => center.confirm(requireAuth(request, PATIENT_SIDE), request.body),
  );

  r.get(
    '/api/international/patients',
    { schema: { tags, response: { 200: Type.Array(InternationalPatient) } } },
    async (request) => center.patients(requireAuth(request, CENTER_STAFF)),
  );
  r.get(
    '/api/international/coordinators',
    { schema: { tags, response: { 200: Type.Array(Coordinator) } } },
    async (request) => center.coordinators(requireAuth(request, CENTER_STAFF)),
  );
  r.put(
    '/api/international/patients/:patientId/coordinator',
    { schema: { tags, params: PatientIdParams, body: AssignCoordinatorBody } },
    async (request, reply) => {
      const caller = requireAuth(request, CENTER_STAFF);
      await center.assignCoordinator(caller, request.params.patientId, request.body.coordinatorUserId);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/international/requests',
    { schema: { tags, response: { 200: Type.Array(InternationalRequest) } } },
    async (request) => center.mine(requireAuth(request, PATIENT_SIDE)),
  );
  r.post(
    '/api/international/requests',
    { schema: { tags, headers: IdempotencyHeaders, body: NewRequestBody, response: { 201: InternationalRequest } } },
    async (request, reply) =>
      sendAnswer(
        reply,
        await center.create(
          requireAuth(request, PATIENT_SIDE),
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
      ),
  );
  r.get(
    '/api/international/queue',
    { schema: { tags, querystring: QueueQuery, response: { 200: Type.Array(InternationalRequest) } } },
    async (request) => center.queue(requireAuth(request, CENTER_STAFF), request.query.status ?? null),
  );
  r.get(
    '/api/international/requests/:id',
    { schema: { tags, params: IdParams, response: { 200: InternationalRequest } } },
    async (request) => center.get(requireAuth(request, ANYONE), request.params.id),
  );
  r.post(
    '/api/international/requests/:id/replies',
    { schema: { tags, params: IdParams, body: RequestReplyBody, response: { 201: InternationalRequest } } },
    async (request, reply) =>
      reply.code(201).send(await center.reply(requireAuth(request, ANYONE), request.params.id, request.body)),
  );
  r.put(
    '/api/international/requests/:id/status',
    { schema: { tags, params: IdParams, body: RequestStatusBody, response: { 200: InternationalRequest } } },
    async (request) => center.setStatus(requireAuth(request, ANYONE), request.params.id, request.body.status),
  );
  r.get(
    '/api/international/requests/:id/files/:replyId',
    { schema: { tags, params: FileParams } },
    async (request, reply) => {
      const file = await center.file(requireAuth(request, ANYONE), request.params.id, request.params.replyId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.data));
    },
  );

  r.post(
    '/api/international/requests/:id/doctor-links',
    { schema: { tags, params: IdParams, body: DoctorLinkBody, response: { 201: DoctorLink } } },
    async (request, reply) =>
      reply.code(201).send(await links.create(requireAuth(request, CENTER_STAFF), request.params.id, request.body)),
  );
  r.delete(
    '/api/international/requests/:id/doctor-links/:linkId',
    { schema: { tags, params: LinkParams } },
    async (request, reply) => {
      await links.revoke(requireAuth(request, CENTER_STAFF), request.params.id, request.params.linkId);
      return reply.code(204).send();
    },
  );
}
