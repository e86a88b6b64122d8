import { OrganizationList } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';

/** Public: organization names and contact numbers are shown before sign-in (help, lockout). */
export async function organizationRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  typed(app).get(
    '/api/organizations',
    { schema: { tags: ['organizations'], response: { 200: OrganizationList } } },
    async () => ({
      organizations: await services.organizations.list(),
    }),
  );
}
