import {
  ClinicalArea,
  ClinicalAreaBody,
  ClinicalAreaList,
  ClinicianBody,
  ClinicianCard,
  ClinicianDetail,
  DirectoryFacets,
  DirectoryQuery,
  DirectoryResult,
  IdParams,
  SearchWords,
  SearchWordsBody,
  SearchWordsList,
  ServiceLineParams,
  SlotList,
  SlotQuery,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['directory'];
const MANAGERS = ['staff', 'admin'] as const;

/** "Find a Virtual Visit Doctor" (public, no sign-in) and directory management (staff, admins). */
export async function directoryRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { directory, scheduling } = services;

  r.get(
    '/api/directory/clinicians',
    { schema: { tags, querystring: DirectoryQuery, response: { 200: DirectoryResult } } },
    async (request) => directory.search(request.query),
  );

  r.get('/api/directory/facets', { schema: { tags, response: { 200: DirectoryFacets } } }, async () =>
    directory.facets(),
  );

  r.get(
    '/api/directory/clinicians/:id',
    { schema: { tags, params: IdParams, response: { 200: ClinicianDetail } } },
    async (request) => {
      const card = await directory.get(request.params.id);
      return { ...card, visitTypes: await scheduling.availability.visitTypes(card.id) };
    },
  );

  r.get('/api/directory/clinicians/:id/photo.svg', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const svg = await directory.photo(request.params.id);
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
  });

  r.get(
    '/api/directory/clinicians/:id/slots',
    { schema: { tags, params: IdParams, querystring: SlotQuery, response: { 200: SlotList } } },
    async (request) =>
      scheduling.availability.list(
        request.params.id,
        request.query.visitTypeId,
        request.query.from,
        request.query.days,
      ),
  );

  r.get(
    '/api/directory/manage/clinicians',
    { schema: { tags, querystring: DirectoryQuery, response: { 200: DirectoryResult } } },
    async (request) => directory.searchForStaff(requireAuth(request, MANAGERS), request.query),
  );

  r.get(
    '/api/directory/manage/clinicians/:id',
    { schema: { tags, params: IdParams, response: { 200: ClinicianDetail } } },
    async (request) => {
      const card = await directory.getForStaff(requireAuth(request, MANAGERS), request.params.id);
      return { ...card, visitTypes: await scheduling.availability.visitTypes(card.id) };
    },
  );

  r.post(
    '/api/directory/clinicians',
    { schema: { tags, body: ClinicianBody, response: { 201: ClinicianCard } } },
    async (request, reply) => {
      const created = await directory.createClinician(requireAuth(request, MANAGERS), request.body);
      await services.jobs.enqueue({ kind: 'directory.next_available', payload: { clinicianId: created.id } });
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/directory/clinicians/:id',
    { schema: { tags, params: IdParams, body: ClinicianBody, response: { 200: ClinicianCard } } },
    async (request) => {
      const updated = await directory.updateClinician(requireAuth(request, MANAGERS), request.params.id, request.body);
      await services.jobs.enqueue({ kind: 'directory.next_available', payload: { clinicianId: updated.id } });
      return updated;
    },
  );

  r.get('/api/directory/clinical-areas', { schema: { tags, response: { 200: ClinicalAreaList } } }, async (request) =>
    directory.listAreas(request.session ? requireAuth(request) : null),
  );

  r.post(
    '/api/directory/clinical-areas',
    { schema: { tags, body: ClinicalAreaBody, response: { 201: ClinicalArea } } },
    async (request, reply) =>
      reply.status(201).send(await directory.createArea(requireAuth(request, MANAGERS), request.body)),
  );

  r.put(
    '/api/directory/clinical-areas/:id',
    { schema: { tags, params: IdParams, body: ClinicalAreaBody, response: { 200: ClinicalArea } } },
    async (request) => directory.updateArea(requireAuth(request, MANAGERS), request.params.id, request.body),
  );

  r.get(
    '/api/admin/directory/search-words',
    { schema: { tags, response: { 200: SearchWordsList } } },
    async (request) => directory.listSearchWords(requireAuth(request, ['admin'])),
  );

  r.put(
    '/api/admin/directory/search-words/:code',
    { schema: { tags, params: ServiceLineParams, body: SearchWordsBody, response: { 200: SearchWords } } },
    async (request) =>
      directory.replaceSearchWords(requireAuth(request, ['admin']), request.params.code, request.body.words),
  );
}
