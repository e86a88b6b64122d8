import {
  ActivationCode,
  CreatePatientBody,
  IdParams,
  Patient,
  PatientList,
  PatientSearchQuery,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['patients'];

export async function patientRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { patients } = services;

  r.get('/api/patients/:id', { schema: { tags, params: IdParams, response: { 200: Patient } } }, async (request) =>
    patients.get(requireAuth(request), request.params.id),
  );

  r.get(
    '/api/patients',
    { schema: { tags, querystring: PatientSearchQuery, response: { 200: PatientList } } },
    async (request) => patients.search(requireAuth(request, ['clinician', 'staff', 'admin']), request.query),
  );

  r.post(
    '/api/patients',
    { schema: { tags, body: CreatePatientBody, response: { 201: Patient } } },
    async (request, reply) => {
      const created = await patients.create(requireAuth(request, ['staff', 'admin']), request.body);
      return reply.status(201).send(created);
    },
  );

  r.post(
    '/api/patients/:id/activation-codes',
    { schema: { tags, params: IdParams, response: { 201: ActivationCode } } },
    async (request, reply) => {
      const code = await patients.issueActivationCode(requireAuth(request, ['staff', 'admin']), request.params.id);
      return reply.status(201).send(code);
    },
  );
}
