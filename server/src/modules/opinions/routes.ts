import {
  AssignSpecialistBody,
  CreatedPhysicianLink,
  DeliverOpinionBody,
  IdParams,
  NewOpinionBody,
  NewPhysicianLinkBody,
  OpinionLinkParams,
  OpinionList,
  OpinionOptions,
  OpinionQueueQuery,
  OpinionRequest,
  OpinionSpecialists,
  OpinionStatusBody,
  PhysicianLinkView,
  RequestInfoBody,
  ScheduleOpinionBody,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { toFhirBundle } from './fhir.js';
import { uploadRoutes, UploadTokenHeaders } from './upload-routes.js';

const tags = ['second opinions'];
const CARE_TEAM = ['clinician', 'staff', 'admin'] as const;

/** Second-opinion requests: the patient's form and page, the care team's queue and actions, physician links. */
export async function opinionRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const r = typed(app);
  const { opinions, triage, links } = deps.services.opinions;
  const byId = { tags, params: IdParams, response: { 200: OpinionRequest } };

  r.get('/api/second-opinions/options', { schema: { tags, response: { 200: OpinionOptions } } }, async (request) => {
    requireAuth(request);
    return opinions.options();
  });

  r.get('/api/second-opinions', { schema: { tags, response: { 200: OpinionList } } }, async (request) =>
    opinions.list(requireAuth(request, ['patient', 'proxy'])),
  );

  r.post(
    '/api/second-opinions',
    { schema: { tags, headers: IdempotencyHeaders, body: NewOpinionBody, response: { 201: OpinionRequest } } },
    async (request, reply) =>
      sendAnswer(
        reply,
        await opinions.create(
          requireAuth(request, ['patient', 'proxy']),
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
      ),
  );

  r.get(
    '/api/second-opinions/queue',
    { schema: { tags, querystring: OpinionQueueQuery, response: { 200: OpinionList } } },
    async (request) => opinions.queue(requireAuth(request, CARE_TEAM), request.query),
  );

  r.get('/api/second-opinions/:id', { schema: byId }, async (request) =>
    opinions.detail(requireAuth(request), request.params.id),
  );

  r.get(
    '/api/second-opinions/:id/fhir',
    {
      schema: {
        tags,
        params: IdParams,
        description: 'The request as a FHIR R4 Bundle: ServiceRequest + DocumentReferences',
      },
    },
    async (request, reply) =>
      reply
        .type('application/fhir+json')
        .header('cache-control', 'private, no-store')
        .send(toFhirBundle(await opinions.detail(requireAuth(request), request.params.id), deps.config.publicUrl)),
  );

  r.get(
    '/api/second-opinions/:id/specialists',
    { schema: { tags, params: IdParams, response: { 200: OpinionSpecialists } } },
    async (request) => triage.specialists(requireAuth(request, CARE_TEAM), request.params.id),
  );

  r.post('/api/second-opinions/:id/assign', { schema: { ...byId, body: AssignSpecialistBody } }, async (request) =>
    triage.assign(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );

  r.post('/api/second-opinions/:id/request-info', { schema: { ...byId, body: RequestInfoBody } }, async (request) =>
    triage.requestInfo(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );

  r.post('/api/second-opinions/:id/status', { schema: { ...byId, body: OpinionStatusBody } }, async (request) =>
    triage.setStatus(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );

  r.post('/api/second-opinions/:id/schedule', { schema: { ...byId, body: ScheduleOpinionBody } }, async (request) =>
    triage.schedule(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );

  r.post('/api/second-opinions/:id/opinion', { schema: { ...byId, body: DeliverOpinionBody } }, async (request) =>
    triage.deliver(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );

  r.post(
    '/api/second-opinions/:id/links',
    { schema: { tags, params: IdParams, body: NewPhysicianLinkBody, response: { 201: CreatedPhysicianLink } } },
    async (request, reply) =>
      reply.code(201).send(await links.create(requireAuth(request), request.params.id, request.body.days)),
  );

  r.delete(
    '/api/second-opinions/:id/links/:linkId',
    { schema: { tags, params: OpinionLinkParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await links.revoke(requireAuth(request), request.params.id, request.params.linkId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/second-opinions/:id/physician-link',
    {
      schema: {
        tags,
        description: 'What a referring physician holding an upload link sees (token in x-upload-token)',
        params: IdParams,
        headers: UploadTokenHeaders,
        response: { 200: PhysicianLinkView },
      },
    },
    async (request) => links.view(request.caller, request.params.id, request.headers['x-upload-token'] ?? ''),
  );

  await app.register(uploadRoutes, deps);
}
