import multipart from '@fastify/multipart';
import {
  CardParams,
  Coverage,
  CoverageList,
  CoverageUpdateBody,
  IdParams,
  InsurancePlan,
  InsurancePlanList,
  NewCoverageBody,
  NewPlanBody,
  PlanQuery,
  PlanUpdateBody,
} from '@portico/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { MAX_CARD_BYTES, tooLarge } from './coverage-rules.js';

const tags = ['insurance'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;
const REGISTRARS = ['staff', 'admin'] as const;

/** The one file of a card-photo upload (`file` field); its size is enforced while it is read. */
async function readCardFile(request: FastifyRequest): Promise<Buffer> {
  const needFile = () =>
    new AppError('validation_failed', 422, 'Choose a photo of the card.', [
      { field: 'file', message: 'Choose a photo of the card.' },
    ]);
  if (!request.isMultipart()) throw needFile();
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw needFile();
    return await file.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('validation_failed', 400, 'The upload could not be read. Choose one photo and try again.');
    }
    throw err;
  }
}

/** Insurance: the plan catalog, the patient's coverages and their card photos. */
export async function coverageRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_CARD_BYTES, files: 1, fields: 2, parts: 3 } });
  const r = typed(app);
  const { coverages, plans } = services.profile;

  r.get(
    '/api/insurance-plans',
    { schema: { tags, querystring: PlanQuery, response: { 200: InsurancePlanList } } },
    (request) => plans.list(requireAuth(request), request.query),
  );
  r.post(
    '/api/insurance-plans',
    { schema: { tags, body: NewPlanBody, response: { 201: InsurancePlan } } },
    async (request, reply) => reply.code(201).send(await plans.create(requireAuth(request, REGISTRARS), request.body)),
  );
  r.get(
    '/api/insurance-plans/:id',
    { schema: { tags, params: IdParams, response: { 200: InsurancePlan } } },
    (request) => plans.get(requireAuth(request), request.params.id),
  );
  r.patch(
    '/api/insurance-plans/:id',
    { schema: { tags, params: IdParams, body: PlanUpdateBody, response: { 200: InsurancePlan } } },
    (request) => plans.update(requireAuth(request, REGISTRARS), request.params.id, request.body),
  );

  // The open record (patients and proxies with the profile area).
  r.get('/api/profile/coverages', { schema: { tags, response: { 200: CoverageList } } }, (request) =>
    coverages.list(requireAuth(request, PATIENT_SIDE)),
  );
  r.post(
    '/api/profile/coverages',
    { schema: { tags, body: NewCoverageBody, response: { 201: Coverage } } },
    async (request, reply) =>
      reply.code(201).send(await coverages.add(requireAuth(request, PATIENT_SIDE), request.body)),
  );
  r.post('/api/profile/coverages/swap', { schema: { tags, response: { 200: CoverageList } } }, (request) =>
    coverages.swap(requireAuth(request, PATIENT_SIDE)),
  );

  // One patient of the caller's organization (the care team reads, staff and admins change).
  r.get(
    '/api/patients/:id/coverages',
    { schema: { tags, params: IdParams, response: { 200: CoverageList } } },
    (request) => coverages.list(requireAuth(request), request.params.id),
  );
  r.post(
    '/api/patients/:id/coverages',
    { schema: { tags, params: IdParams, body: NewCoverageBody, response: { 201: Coverage } } },
    async (request, reply) =>
      reply.code(201).send(await coverages.add(requireAuth(request, REGISTRARS), request.body, request.params.id)),
  );
  r.post(
    '/api/patients/:id/coverages/swap',
    { schema: { tags, params: IdParams, response: { 200: CoverageList } } },
    (request) => coverages.swap(requireAuth(request, REGISTRARS), request.params.id),
  );

  // One coverage, for anyone who may reach its patient.
  r.patch(
    '/api/coverages/:id',
    { schema: { tags, params: IdParams, body: CoverageUpdateBody, response: { 200: Coverage } } },
    (request) => coverages.change(requireAuth(request), request.params.id, request.body),
  );
  r.delete(
    '/api/coverages/:id',
    {
      schema: {
        tags,
        description: 'Cancels the coverage; it is kept, never deleted.',
        params: IdParams,
        response: { 200: Coverage },
      },
    },
    (request) => coverages.remove(requireAuth(request), request.params.id),
  );
  r.post(
    '/api/coverages/:id/cards/:side',
    {
      schema: {
        tags,
        description: `multipart/form-data with one \`file\` (replaces the photo of that side): a JPEG, PNG, WebP or HEIC photo up to ${MAX_CARD_BYTES / 1024 / 1024} MB, checked by content`,
        params: CardParams,
        response: { 200: Coverage },
      },
    },
    async (request) => {
      const caller = requireAuth(request);
      const data = await readCardFile(request);
      return coverages.uploadCard(caller, request.params.id, request.params.side, data);
    },
  );
  r.get('/api/coverages/:id/cards/:side', { schema: { tags, params: CardParams } }, async (request, reply) => {
    const card = await coverages.card(requireAuth(request), request.params.id, request.params.side);
    return reply
      .header('content-type', card.contentType)
      .header('content-disposition', 'inline')
      .header('cache-control', 'private, no-store')
      .send(card.data);
  });
  r.delete(
    '/api/coverages/:id/cards/:side',
    { schema: { tags, params: CardParams, response: { 200: Coverage } } },
    (request) => coverages.deleteCard(requireAuth(request), request.params.id, request.params.side),
  );
}
