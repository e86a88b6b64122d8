import { CreateFeeRuleSetBody, FeeRuleSet, FeeRuleSetList, FeeRuleSetQuery } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['billing'];

/** Fee rule versions: admins schedule new ones; the billing office (staff) reads its organization's. */
export async function billingRuleRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { ruleSets } = services;

  r.get(
    '/api/billing/rule-sets',
    { schema: { tags, querystring: FeeRuleSetQuery, response: { 200: FeeRuleSetList } } },
    async (request) => ruleSets.list(requireAuth(request, ['staff', 'admin']), request.query.organizationId),
  );

  r.post(
    '/api/billing/rule-sets',
    {
      schema: {
        tags,
        description:
          'Schedules the next version of an organization’s fee rules, effective now or later. ' +
          '422 validation_failed or effective_date_in_past (with field errors); 409 rule_set_version_conflict.',
        body: CreateFeeRuleSetBody,
        response: { 201: FeeRuleSet },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ruleSets.create(requireAuth(request, ['admin']), request.body)),
  );
}
