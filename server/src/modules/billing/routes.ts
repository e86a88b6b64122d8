import {
  BillingSummary,
  CardPaymentBody,
  ChargePreview,
  Dispute,
  DisputeQueue,
  DisputeQueueQuery,
  IdParams,
  OpenDisputeBody,
  Payment,
  PreviewQuery,
  ResolveDisputeBody,
} from '@portico/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['billing'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;
const BILLING_OFFICE = ['staff', 'admin'] as const;

/** The patient's bill: balance and lines with their rules, a cost preview, and card payments. */
export async function billingRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { billing, payments, statements, disputes } = services;
  const sendPdf = (reply: FastifyReply, file: { filename: string; pdf: Buffer }) =>
    reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.pdf);

  r.get('/api/billing/statements/:id/pdf', { schema: { tags, params: IdParams } }, async (request, reply) =>
    sendPdf(reply, await statements.statementPdf(requireAuth(request, PATIENT_SIDE), request.params.id)),
  );

  r.get('/api/billing/payments/:id/receipt', { schema: { tags, params: IdParams } }, async (request, reply) =>
    sendPdf(reply, await statements.receiptPdf(requireAuth(request, PATIENT_SIDE), request.params.id)),
  );

  r.get('/api/billing', { schema: { tags, response: { 200: BillingSummary } } }, async (request) =>
    billing.summary(requireAuth(request, PATIENT_SIDE)),
  );

  r.get(
    '/api/billing/preview',
    { schema: { tags, querystring: PreviewQuery, response: { 200: ChargePreview } } },
    async (request) => billing.preview(requireAuth(request, PATIENT_SIDE), request.query.appointmentId),
  );

  r.post(
    '/api/billing/payments',
    { schema: { tags, headers: IdempotencyHeaders, body: CardPaymentBody, response: { 200: Payment } } },
    async (request) =>
      payments.payByCard(requireAuth(request, PATIENT_SIDE), request.body, request.headers['idempotency-key'] ?? null),
  );

  r.post(
    '/api/billing/payments/:id/confirm',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ approved: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Payment },
      },
    },
    async (request) => payments.confirm(requireAuth(request, PATIENT_SIDE), request.params.id, request.body.approved),
  );

  r.post(
    '/api/billing/disputes',
    { schema: { tags, headers: IdempotencyHeaders, body: OpenDisputeBody, response: { 201: Dispute } } },
    async (request, reply) =>
      sendAnswer(
        reply,
        await disputes.open(
          requireAuth(request, PATIENT_SIDE),
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
      ),
  );

  r.get(
    '/api/billing/disputes',
    { schema: { tags, querystring: DisputeQueueQuery, response: { 200: DisputeQueue } } },
    async (request) => disputes.queue(requireAuth(request, BILLING_OFFICE), request.query.status),
  );

  r.post(
    '/api/billing/disputes/:id/resolve',
    { schema: { tags, params: IdParams, body: ResolveDisputeBody, response: { 200: Dispute } } },
    async (request) => disputes.resolve(requireAuth(request, BILLING_OFFICE), request.params.id, request.body),
  );
}
