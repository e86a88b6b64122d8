import { IdParams, OpinionDocParams } from '@portico/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import type { UploadState } from './uploads.js';

const tags = ['second opinions'];
const TUS_VERSION = '1.0.0';

export const UploadTokenHeaders = Type.Object({
  'x-upload-token': Type.Optional(Type.String({ minLength: 20, maxLength: 100 })),
});
const TusHeaders = Type.Object({
  'tus-resumable': Type.Optional(Type.String()),
  'x-upload-token': Type.Optional(Type.String({ minLength: 20, maxLength: 100 })),
  'upload-length': Type.Optional(Type.String()),
  'upload-offset': Type.Optional(Type.String()),
  'upload-metadata': Type.Optional(Type.String({ maxLength: 2000 })),
});

function requireTus(version: string | undefined): void {
  if (version !== TUS_VERSION) {
    throw new AppError(
      'tus_version_unsupported',
      412,
      'Send Tus-Resumable: 1.0.0 (the tus resumable upload protocol).',
      [],
      {
        'tus-version': TUS_VERSION,
      },
    );
  }
}

function byteCount(raw: string | undefined, name: string): number {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) {
    throw new AppError('validation_failed', 400, `Send the ${name} header as a whole number of bytes.`);
  }
  return Number(raw);
}

/** tus Upload-Metadata: comma-separated "key base64value" pairs. */
export function parseMetadata(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

function tusState(reply: FastifyReply, s: UploadState): FastifyReply {
  return reply
    .header('tus-resumable', TUS_VERSION)
    .header('upload-offset', String(s.received))
    .header('upload-length', String(s.declared))
    .header('upload-expires', s.expiresAt.toUTCString())
    .header('cache-control', 'no-store');
}

/**
 * The tus 1.0 core protocol (creation and termination extensions) for record uploads, and the
 * download of stored files. Works with a session or a physician's link token in x-upload-token.
 */
export async function uploadRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { uploads, opinions } = services.opinions;
  // The body is streamed by the service, never buffered here: no body limit applies to it.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null, undefined));

  r.post(
    '/api/second-opinions/:id/uploads',
    {
      schema: {
        tags,
        description: 'tus creation: Upload-Length, Upload-Metadata (filename, category, needId)',
        params: IdParams,
        headers: TusHeaders,
      },
    },
    async (request, reply) => {
      requireTus(request.headers['tus-resumable']);
      const state = await uploads.create(request.caller, request.params.id, request.headers['x-upload-token'], {
        length: byteCount(request.headers['upload-length'], 'Upload-Length'),
        metadata: parseMetadata(request.headers['upload-metadata']),
      });
      return tusState(reply, state).header('location', `/api/uploads/${state.uploadId}`).code(201).send();
    },
  );

  r.head('/api/uploads/:id', { schema: { tags, params: IdParams, headers: TusHeaders } }, async (request, reply) => {
    requireTus(request.headers['tus-resumable']);
    const state = await uploads.offset(request.caller, request.params.id, request.headers['x-upload-token']);
    return tusState(reply, state).code(200).send();
  });

  r.patch('/api/uploads/:id', { schema: { tags, params: IdParams, headers: TusHeaders } }, async (request, reply) => {
    requireTus(request.headers['tus-resumable']);
    if (request.headers['content-type'] !== 'application/offset+octet-stream') {
      throw new AppError('validation_failed', 415, 'Send the bytes as application/offset+octet-stream.');
    }
    const state = await uploads.append(
      request.caller,
      request.params.id,
      request.headers['x-upload-token'],
      byteCount(request.headers['upload-offset'], 'Upload-Offset'),
      request.raw,
    );
    if (state.documentId) void reply.header('x-document-id', state.documentId);
    return tusState(reply, state).code(204).send();
  });

  r.delete('/api/uploads/:id', { schema: { tags, params: IdParams, headers: TusHeaders } }, async (request, reply) => {
    requireTus(request.headers['tus-resumable']);
    await uploads.terminate(request.caller, request.params.id, request.headers['x-upload-token']);
    return reply.header('tus-resumable', TUS_VERSION).code(204).send();
  });

  r.get(
    '/api/second-opinions/:id/documents/:docId/content',
    { schema: { tags, params: OpinionDocParams } },
    async (request, reply) => {
      const file = await opinions.documentContent(requireAuth(request), request.params.id, request.params.docId);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
}
