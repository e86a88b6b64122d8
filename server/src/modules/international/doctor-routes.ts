import multipart from '@fastify/multipart';
import { DoctorCase, DoctorLetterBody, IdParams, Uuid } from '@portico/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { readMessage } from '../messaging/index.js';
import { letterTooLarge, MAX_LETTER_BYTES } from './doctor-links.js';

const tags = ['international'];
const TokenHeaders = Type.Object({ 'x-doctor-token': Type.Optional(Type.String({ maxLength: 200 })) });
const FileParams = Type.Object({ id: Uuid, replyId: Uuid }, { additionalProperties: false });

/**
 * A home-country doctor's link: no account, the token in the `X-Doctor-Token` header (the page
 * reads it from the URL fragment), valid for one case only.
 */
export async function internationalDoctorRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const links = services.international.doctorLinks;
  // One PDF per letter; larger files are cut off while reading (the service answers 413).
  await app.register(multipart, { limits: { fileSize: MAX_LETTER_BYTES, files: 1, fields: 2, parts: 3 } });

  r.get(
    '/api/international/doctor/cases/:id',
    { schema: { tags, params: IdParams, headers: TokenHeaders, response: { 200: DoctorCase } } },
    async (request) => links.view(request.headers['x-doctor-token'] ?? '', request.params.id, request.ip, request.id),
  );

  r.post(
    '/api/international/doctor/cases/:id/letters',
    {
      schema: {
        tags,
        params: IdParams,
        headers: TokenHeaders,
        description: 'JSON, or multipart with a `message` JSON field ({ body }) and one PDF in `files`',
        response: { 201: DoctorCase },
      },
    },
    async (request, reply) => {
      // The shared reader words a cut-off file with the messages' limit; a letter has its own.
      const { data, files } = await readMessage(request, DoctorLetterBody).catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'attachment_too_large' ? letterTooLarge() : err;
      });
      const token = request.headers['x-doctor-token'] ?? '';
      return reply.code(201).send(await links.send(token, request.params.id, data.body, files, request.ip, request.id));
    },
  );

  r.get(
    '/api/international/doctor/cases/:id/files/:replyId',
    { schema: { tags, params: FileParams, headers: TokenHeaders } },
    async (request, reply) => {
      const token = request.headers['x-doctor-token'] ?? '';
      const file = await links.file(token, request.params.id, request.params.replyId, request.ip, request.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.data));
    },
  );
}
