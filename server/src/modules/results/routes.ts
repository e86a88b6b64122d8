import {
  CommentBody,
  IdParams,
  ImportedResults,
  NewResultBody,
  PatientTrendParams,
  ResultList,
  ResultReleaseSettings,
  ResultReport,
  Trend,
  TrendParams,
  VitalSigns,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['results'];
const CARE_TEAM = ['clinician', 'staff', 'admin'] as const;
const ENTER = ['clinician', 'staff'] as const;

/** Test results: the patient's released ones, and the care team's entry, import and release. */
export async function resultRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  // FHIR servers and tools send bundles as application/fhir+json; read it as JSON here only.
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  const r = typed(app);
  const { results } = services;

  r.get('/api/results', { schema: { tags, response: { 200: ResultList } } }, async (request) =>
    results.list(requireAuth(request, ['patient', 'proxy'])),
  );

  r.get('/api/results/vitals', { schema: { tags, response: { 200: VitalSigns } } }, async (request) =>
    results.vitals(requireAuth(request, ['patient', 'proxy'])),
  );

  r.get('/api/results/:id', { schema: { tags, params: IdParams, response: { 200: ResultReport } } }, async (request) =>
    results.read(requireAuth(request), request.params.id),
  );

  r.get(
    '/api/results/trends/:code',
    { schema: { tags, params: TrendParams, response: { 200: Trend } } },
    async (request) => results.trend(requireAuth(request, ['patient', 'proxy']), request.params.code),
  );

  r.get(
    '/api/patients/:id/results',
    { schema: { tags, params: IdParams, response: { 200: ResultList } } },
    async (request) => results.listForPatient(requireAuth(request, CARE_TEAM), request.params.id),
  );

  r.get(
    '/api/patients/:id/results/trends/:code',
    { schema: { tags, params: PatientTrendParams, response: { 200: Trend } } },
    async (request) => results.trend(requireAuth(request, CARE_TEAM), request.params.code, request.params.id),
  );

  r.post(
    '/api/patients/:id/results',
    { schema: { tags, params: IdParams, body: NewResultBody, response: { 201: ResultReport } } },
    async (request, reply) =>
      reply.code(201).send(await results.enter(requireAuth(request, ENTER), request.params.id, request.body)),
  );

  r.post(
    '/api/patients/:id/results/fhir',
    {
      schema: {
        tags,
        params: IdParams,
        description:
          'A FHIR R4 Bundle (collection or transaction) of DiagnosticReport and Observation resources, ' +
          'as application/json or application/fhir+json. A bad bundle is refused whole (422) with every problem.',
        response: { 201: ImportedResults },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await results.importBundle(requireAuth(request, ENTER), request.params.id, request.body)),
  );

  r.post(
    '/api/results/:id/release',
    { schema: { tags, params: IdParams, response: { 200: ResultReport } } },
    async (request) => results.release(requireAuth(request, ['clinician']), request.params.id),
  );

  r.put(
    '/api/results/:id/comment',
    { schema: { tags, params: IdParams, body: CommentBody, response: { 200: ResultReport } } },
    async (request) => results.comment(requireAuth(request, ['clinician']), request.params.id, request.body.comment),
  );

  r.get(
    '/api/organizations/:id/result-release',
    { schema: { tags, params: IdParams, response: { 200: ResultReleaseSettings } } },
    async (request) => results.settings(requireAuth(request, ['admin']), request.params.id),
  );

  r.put(
    '/api/organizations/:id/result-release',
    { schema: { tags, params: IdParams, body: ResultReleaseSettings, response: { 200: ResultReleaseSettings } } },
    async (request) => results.updateSettings(requireAuth(request, ['admin']), request.params.id, request.body),
  );
}
