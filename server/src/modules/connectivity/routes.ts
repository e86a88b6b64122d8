import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CONNECTIVITY_MAX_BYTES,
  ConnectivityDownloadQuery,
  ConnectivityIceServers,
  ConnectivityPing,
  ConnectivityUploadResult,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { checkIceServers } from './ice.js';
import { CONNECTIVITY_RATE_LIMITS as LIMITS } from './limits.js';

const tags = ['connectivity'];
const randomBytesAsync = promisify(randomBytes);

/**
 * Connection test for the device check: round trip, throughput, relay reachability. Public (the
 * check needs no sign-in), never stored, never cached, rate-limited per address.
 */
export async function connectivityRoutes(app: FastifyInstance, { config }: RouteDeps): Promise<void> {
  const r = typed(app);

  // Raw bytes for the upload test; this plugin is encapsulated, so no other route accepts them.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: CONNECTIVITY_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  r.get(
    '/api/connectivity/ping',
    { config: { rateLimit: LIMITS.ping }, schema: { tags, response: { 200: ConnectivityPing } } },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { serverTime: new Date().toISOString() };
    },
  );

  r.get(
    '/api/connectivity/download',
    {
      config: { rateLimit: LIMITS.transfer },
      schema: {
        tags,
        description: 'Random, incompressible bytes (application/octet-stream) for measuring download speed.',
        querystring: ConnectivityDownloadQuery,
      },
    },
    async (request, reply) => {
      // Random bytes defeat any compression on the way, so the figure is the line's, not a proxy's.
      const body = await randomBytesAsync(request.query.bytes);
      return reply.header('cache-control', 'no-store').type('application/octet-stream').send(body);
    },
  );

  r.post(
    '/api/connectivity/upload',
    {
      bodyLimit: CONNECTIVITY_MAX_BYTES,
      config: { rateLimit: LIMITS.transfer },
      schema: {
        tags,
        description: 'Send up to 2 MiB as application/octet-stream; the answer says what arrived and how long it took.',
        response: { 200: ConnectivityUploadResult },
      },
    },
    async (request, reply) => {
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/octet-stream') {
        throw new AppError('unsupported_media_type', 415, 'Send the test data as application/octet-stream.');
      }
      const body: unknown = request.body;
      const bytes = Buffer.isBuffer(body) ? body.length : 0;
      void reply.header('cache-control', 'no-store');
      // elapsedTime runs from the first byte of the request to now: mostly receiving the body.
      return { bytes, ms: Math.round(reply.elapsedTime * 100) / 100 };
    },
  );

  r.get(
    '/api/connectivity/ice-servers',
    {
      config: { rateLimit: LIMITS.iceServers },
      schema: { tags, response: { 200: ConnectivityIceServers } },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return checkIceServers(config.media);
    },
  );
}
