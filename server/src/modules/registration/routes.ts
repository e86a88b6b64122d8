import {
  IdParams,
  MergeRegistrationBody,
  OpeningHours,
  OpeningHoursQuery,
  Registration,
  RegistrationBody,
  RegistrationList,
  RegistrationQueueQuery,
  RegistrationResult,
  SupportRequest,
  SupportRequestBody,
  SupportRequestList,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const REGISTRARS = ['staff', 'admin'] as const;

/** Registration (public and staff), the review queue, opening hours and tech-help requests. */
export async function registrationRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { registrations, hours, support } = services.registration;
  const limit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };

  r.post(
    '/api/registrations',
    {
      config: limit,
      schema: {
        tags: ['registration'],
        headers: IdempotencyHeaders,
        body: RegistrationBody,
        response: { 201: RegistrationResult },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await registrations.register(request.caller, request.body, request.headers['idempotency-key'] ?? null),
      ),
  );

  r.get(
    '/api/registrations',
    { schema: { tags: ['registration'], querystring: RegistrationQueueQuery, response: { 200: RegistrationList } } },
    async (request) =>
      registrations.queue(requireAuth(request, REGISTRARS), request.query.status ?? 'possible_duplicate'),
  );

  r.get(
    '/api/registrations/:id',
    { schema: { tags: ['registration'], params: IdParams, response: { 200: Registration } } },
    async (request) => registrations.get(requireAuth(request, REGISTRARS), request.params.id),
  );

  r.post(
    '/api/registrations/:id/confirm',
    { schema: { tags: ['registration'], params: IdParams, response: { 200: Registration } } },
    async (request) => registrations.confirm(requireAuth(request, REGISTRARS), request.params.id),
  );

  r.post(
    '/api/registrations/:id/merge',
    {
      schema: {
        tags: ['registration'],
        params: IdParams,
        body: MergeRegistrationBody,
        response: { 200: Registration },
      },
    },
    async (request) => registrations.merge(requireAuth(request, REGISTRARS), request.params.id, request.body.patientId),
  );

  r.get(
    '/api/organizations/:id/hours',
    {
      schema: {
        tags: ['organizations'],
        params: IdParams,
        querystring: OpeningHoursQuery,
        response: { 200: OpeningHours },
      },
    },
    async (request) => hours.get(request.params.id, request.query.kind ?? 'registration'),
  );

  r.post(
    '/api/support-requests',
    {
      schema: {
        tags: ['support'],
        headers: IdempotencyHeaders,
        body: SupportRequestBody,
        response: { 201: SupportRequest },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await support.create(
          requireAuth(request, ['patient', 'proxy']),
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
      ),
  );

  r.get(
    '/api/support-requests',
    { schema: { tags: ['support'], response: { 200: SupportRequestList } } },
    async (request) => support.list(requireAuth(request)),
  );
}
