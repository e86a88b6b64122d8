import { AdjustmentBody, BillingAccount, PatientIdParams, RecordPaymentBody, RefundBody } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['billing office'];
const BILLING_OFFICE = ['staff', 'admin'] as const;

/** The billing office's view of one patient's account, and the entries it posts. */
export async function billingOfficeRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const office = services.billingOffice;
  const post = { tags, params: PatientIdParams, headers: IdempotencyHeaders, response: { 200: BillingAccount } };

  r.get(
    '/api/billing/accounts/:patientId',
    { schema: { tags, params: PatientIdParams, response: { 200: BillingAccount } } },
    async (request) => office.account(requireAuth(request, BILLING_OFFICE), request.params.patientId),
  );

  r.post(
    '/api/billing/accounts/:patientId/payments',
    { schema: { ...post, body: RecordPaymentBody } },
    async (request) =>
      office.recordPayment(
        requireAuth(request, BILLING_OFFICE),
        request.params.patientId,
        request.body,
        request.headers['idempotency-key'] ?? null,
      ),
  );

  r.post('/api/billing/accounts/:patientId/refunds', { schema: { ...post, body: RefundBody } }, async (request) =>
    office.refund(
      requireAuth(request, BILLING_OFFICE),
      request.params.patientId,
      request.body,
      request.headers['idempotency-key'] ?? null,
    ),
  );

  r.post(
    '/api/billing/accounts/:patientId/adjustments',
    { schema: { ...post, body: AdjustmentBody } },
    async (request) =>
      office.adjust(
        requireAuth(request, BILLING_OFFICE),
        request.params.patientId,
        request.body,
        request.headers['idempotency-key'] ?? null,
      ),
  );
}
