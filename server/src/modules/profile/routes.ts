import { IdParams, Profile, ProfileUpdateBody, RecordAccessList, RecordAccessQuery } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['profile'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;

/** The patient's profile (open record, or one patient for the care team) and who has looked at the record. */
export async function profileRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { profile } = services.profile;

  r.get('/api/profile', { schema: { tags, response: { 200: Profile } } }, async (request) =>
    profile.get(requireAuth(request, PATIENT_SIDE)),
  );

  r.patch(
    '/api/profile',
    {
      schema: {
        tags,
        description: 'Fields left out stay as they are; null clears one. Legal name and birth date: staff only.',
        body: ProfileUpdateBody,
        response: { 200: Profile },
      },
    },
    async (request) => profile.update(requireAuth(request, PATIENT_SIDE), request.body),
  );

  r.get(
    '/api/me/record-access',
    {
      schema: {
        tags,
        description: 'Who has looked at the open record, newest first. Reading this list is not itself audited.',
        querystring: RecordAccessQuery,
        response: { 200: RecordAccessList },
      },
    },
    async (request) => profile.recordAccess(requireAuth(request, PATIENT_SIDE), request.query),
  );

  // The care team's view of one patient; a patient may name only the open record (else 404).
  r.get(
    '/api/patients/:id/profile',
    { schema: { tags, params: IdParams, response: { 200: Profile } } },
    async (request) => profile.get(requireAuth(request), request.params.id),
  );

  r.patch(
    '/api/patients/:id/profile',
    { schema: { tags, params: IdParams, body: ProfileUpdateBody, response: { 200: Profile } } },
    async (request) => profile.update(requireAuth(request, ['staff', 'admin']), request.body, request.params.id),
  );
}
