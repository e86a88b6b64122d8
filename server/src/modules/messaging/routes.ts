import multipart from '@fastify/multipart';
import {
  AssignBody,
  IdParams,
  InboxQuery,
  MessageOptions,
  NewThreadBody,
  ReplyBody,
  Thread,
  ThreadList,
  ThreadStatusBody,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, sendAnswer, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './attachments.js';
import { readMessage } from './upload.js';

const tags = ['messages'];

/** Secure messaging: patients (and proxies) and the care team. */
export async function messagingRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES,
      files: MAX_ATTACHMENTS + 1,
      fields: 4,
      fieldSize: 64 * 1024,
      parts: MAX_ATTACHMENTS + 5,
    },
  });
  const r = typed(app);
  const { messaging } = services;

  r.get('/api/messages/options', { schema: { tags, response: { 200: MessageOptions } } }, async (request) =>
    messaging.options(requireAuth(request)),
  );

  r.get(
    '/api/messages/threads',
    { schema: { tags, querystring: InboxQuery, response: { 200: ThreadList } } },
    async (request) => messaging.list(requireAuth(request), request.query),
  );

  r.post(
    '/api/messages/threads',
    {
      schema: {
        tags,
        description: 'JSON, or multipart with a `message` JSON field and `files`',
        headers: IdempotencyHeaders,
        response: { 201: Thread },
      },
    },
    async (request, reply) => {
      const caller = requireAuth(request);
      const { data, files } = await readMessage(request, NewThreadBody);
      return sendAnswer(reply, await messaging.start(caller, data, files, request.headers['idempotency-key'] ?? null));
    },
  );

  r.get(
    '/api/messages/threads/:id',
    { schema: { tags, params: IdParams, response: { 200: Thread } } },
    async (request) => messaging.read(requireAuth(request), request.params.id),
  );

  r.post(
    '/api/messages/threads/:id/messages',
    { schema: { tags, params: IdParams, headers: IdempotencyHeaders, response: { 201: Thread } } },
    async (request, reply) => {
      const caller = requireAuth(request);
      const { data, files } = await readMessage(request, ReplyBody);
      const key = request.headers['idempotency-key'] ?? null;
      return sendAnswer(reply, await messaging.reply(caller, request.params.id, data.body, files, key));
    },
  );

  r.post(
    '/api/messages/threads/:id/assign',
    { schema: { tags, params: IdParams, body: AssignBody, response: { 200: Thread } } },
    async (request) => messaging.assign(requireAuth(request), request.params.id, request.body.userId),
  );

  r.post(
    '/api/messages/threads/:id/status',
    { schema: { tags, params: IdParams, body: ThreadStatusBody, response: { 200: Thread } } },
    async (request) => messaging.setStatus(requireAuth(request), request.params.id, request.body.status),
  );

  r.get('/api/messages/attachments/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const file = await messaging.attachment(requireAuth(request), request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });
}
