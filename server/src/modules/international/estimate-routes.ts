import {
  ApplyDepositBody,
  CardPaymentBody,
  DepositPayment,
  DepositRequestBody,
  EpisodeCharge,
  Estimate,
  EstimateAnswerBody,
  EstimateBody,
  IdParams,
  PatientIdParams,
  RefundDepositBody,
  Uuid,
} from '@portico/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { CENTER_STAFF } from './access.js';

const tags = ['international'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;
const ConfirmParams = Type.Object({ id: Uuid, paymentId: Uuid }, { additionalProperties: false });
const ConfirmBody = Type.Object({ approved: Type.Boolean() }, { additionalProperties: false });

/** Pre-care cost estimates and deposits held against them. */
export async function internationalEstimateRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { estimates, deposits } = services.international;
  const key = (h: { 'idempotency-key'?: string | undefined }) => h['idempotency-key'] ?? null;

  r.get(
    '/api/international/estimates',
    { schema: { tags, response: { 200: Type.Array(Estimate) } } },
    async (request) => estimates.forPatient(requireAuth(request, PATIENT_SIDE), null),
  );
  r.get(
    '/api/international/patients/:patientId/estimates',
    { schema: { tags, params: PatientIdParams, response: { 200: Type.Array(Estimate) } } },
    async (request) => estimates.forPatient(requireAuth(request, CENTER_STAFF), request.params.patientId),
  );
  r.post(
    '/api/international/estimates',
    { schema: { tags, body: EstimateBody, response: { 201: Estimate } } },
    async (request, reply) =>
      reply.code(201).send(await estimates.create(requireAuth(request, CENTER_STAFF), request.body)),
  );
  r.post(
    '/api/international/estimates/:id/answer',
    { schema: { tags, params: IdParams, body: EstimateAnswerBody, response: { 200: Estimate } } },
    async (request) => estimates.answer(requireAuth(request, PATIENT_SIDE), request.params.id, request.body),
  );
  r.post(
    '/api/international/estimates/:id/deposit',
    { schema: { tags, params: IdParams, body: DepositRequestBody, response: { 200: Estimate } } },
    async (request) =>
      estimates.requestDeposit(requireAuth(request, CENTER_STAFF), request.params.id, request.body.amountCents),
  );
  r.post(
    '/api/international/estimates/:id/deposit/payments',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CardPaymentBody,
        response: { 200: DepositPayment },
      },
    },
    async (request) =>
      deposits.pay(requireAuth(request, PATIENT_SIDE), request.params.id, request.body, key(request.headers)),
  );
  r.post(
    '/api/international/estimates/:id/deposit/payments/:paymentId/confirm',
    { schema: { tags, params: ConfirmParams, body: ConfirmBody, response: { 200: DepositPayment } } },
    async (request) =>
      deposits.confirm(
        requireAuth(request, PATIENT_SIDE),
        request.params.id,
        request.params.paymentId,
        request.body.approved,
      ),
  );
  r.get(
    '/api/international/estimates/:id/charges',
    { schema: { tags, params: IdParams, response: { 200: Type.Array(EpisodeCharge) } } },
    async (request) => deposits.charges(requireAuth(request, CENTER_STAFF), request.params.id),
  );
  r.post(
    '/api/international/estimates/:id/deposit/apply',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ApplyDepositBody,
        response: { 200: Estimate },
      },
    },
    async (request) =>
      deposits.apply(requireAuth(request, CENTER_STAFF), request.params.id, request.body, key(request.headers)),
  );
  r.post(
    '/api/international/estimates/:id/deposit/refund',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RefundDepositBody,
        response: { 200: Estimate },
      },
    },
    async (request) =>
      deposits.refund(requireAuth(request, CENTER_STAFF), request.params.id, request.body, key(request.headers)),
  );
}
