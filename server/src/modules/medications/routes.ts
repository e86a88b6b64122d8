import {
  IdParams,
  Medication,
  MedicationList,
  NewRefillBody,
  Pharmacy,
  PharmacyBody,
  PharmacyList,
  RefillDecisionBody,
  RefillQueue,
  RefillQueueItem,
  RefillRequest,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['medications'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;
const CARE_TEAM = ['clinician', 'staff', 'admin'] as const;

/** Medications, refill requests and saved pharmacies (patients, proxies); the refill queue (care team). */
export async function medicationRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { medications, pharmacies, refills } = services.medications;

  r.get('/api/medications', { schema: { tags, response: { 200: MedicationList } } }, async (request) =>
    medications.list(requireAuth(request, PATIENT_SIDE)),
  );

  r.get(
    '/api/medications/:id',
    { schema: { tags, params: IdParams, response: { 200: Medication } } },
    async (request) => medications.read(requireAuth(request, PATIENT_SIDE), request.params.id),
  );

  r.post(
    '/api/medications/:id/refill-requests',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: NewRefillBody,
        description:
          'Refused with the same code the list gives in `refill.reason`: 409 refill_already_requested; ' +
          '422 medication_not_active, controlled_substance_not_online, no_refills_remaining, pharmacy_not_available.',
        response: { 201: RefillRequest },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await medications.requestRefill(
          requireAuth(request, PATIENT_SIDE),
          request.params.id,
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
      ),
  );

  r.post(
    '/api/refill-requests/:id/cancel',
    { schema: { tags, params: IdParams, response: { 200: RefillRequest } } },
    async (request) => medications.cancelRefill(requireAuth(request, PATIENT_SIDE), request.params.id),
  );

  r.get('/api/pharmacies', { schema: { tags, response: { 200: PharmacyList } } }, async (request) =>
    pharmacies.list(requireAuth(request, PATIENT_SIDE)),
  );

  r.post(
    '/api/pharmacies',
    { schema: { tags, body: PharmacyBody, response: { 201: Pharmacy } } },
    async (request, reply) =>
      reply.code(201).send(await pharmacies.create(requireAuth(request, PATIENT_SIDE), request.body)),
  );

  r.put(
    '/api/pharmacies/:id',
    { schema: { tags, params: IdParams, body: PharmacyBody, response: { 200: Pharmacy } } },
    async (request) => pharmacies.update(requireAuth(request, PATIENT_SIDE), request.params.id, request.body),
  );

  r.delete('/api/pharmacies/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await pharmacies.remove(requireAuth(request, PATIENT_SIDE), request.params.id);
    return reply.code(204).send();
  });

  r.get('/api/refill-queue', { schema: { tags, response: { 200: RefillQueue } } }, async (request) =>
    refills.queue(requireAuth(request, CARE_TEAM)),
  );

  r.post(
    '/api/refill-requests/:id/decision',
    {
      schema: {
        tags,
        params: IdParams,
        body: RefillDecisionBody,
        description:
          'Approve (optionally another quantity), deny or ask for a visit (both need a reason). 409 when already answered.',
        response: { 200: RefillQueueItem },
      },
    },
    async (request) => refills.decide(requireAuth(request, CARE_TEAM), request.params.id, request.body),
  );
}
