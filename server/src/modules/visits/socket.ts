import websocket from '@fastify/websocket';
import { IdParams, SERVER_RESTARTING_CLOSE_CODE as SERVER_RESTARTING } from '@portico/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RawData } from 'ws';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import type { Viewer } from './access.js';
import { GUEST_COOKIE } from './cookies.js';
import { guestViewer } from './guests.js';
import { MAX_MESSAGE_BYTES, type Connection } from './hub.js';
import type { VisitRow } from './repository.js';

interface Join {
  row: VisitRow;
  viewer: Viewer;
}

const SocketQuery = Type.Object(
  { resume: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

declare module 'fastify' {
  interface FastifyRequest {
    visitJoin: Join | null;
  }
}

/**
 * The visit WebSocket. Everything is checked before the upgrade: the page's origin, the session
 * or guest link, and for the patient a completed check-in from an allowed place; anyone else
 * gets the same 404 as for a visit that does not exist.
 */
export async function visitSocketRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: MAX_MESSAGE_BYTES * 2 },
    // On shutdown, tell every visit page the server is restarting (1012), so it reconnects at once
    // — to another instance behind the load balancer, or to this one when it is back.
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(SERVER_RESTARTING, 'server restarting');
      this.websocketServer.close(() => done());
    },
  });
  app.decorateRequest('visitJoin', null);
  const { visits, guests, hub, presence } = services.visits;
  const publicOrigin = new URL(config.publicUrl).origin;

  async function resolve(request: FastifyRequest, appointmentId: string): Promise<Join> {
    const origin = request.headers.origin;
    if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
      throw new AppError('forbidden', 403, 'Connections from other websites are not accepted.');
    }
    if (request.session) {
      const { row, viewer } = await visits.load(request.caller, appointmentId);
      return { row, viewer: { ...viewer, displayName: request.session.displayName } };
    }
    const found = await guests.fromSecret(request.cookies[GUEST_COOKIE]);
    if (!found)
      throw request.sessionExpired ? unauthenticated() : new AppError('not_found', 404, 'This visit was not found.');
    if (found.row.appointment_id !== appointmentId) throw new AppError('not_found', 404, 'This visit was not found.');
    return { row: found.row, viewer: guestViewer(found.guest) };
  }

  typed(app).get(
    '/api/visits/:id/socket',
    {
      websocket: true,
      schema: { hide: true, params: IdParams, querystring: SocketQuery },
      preValidation: async (request) => {
        const { id } = request.params as IdParams;
        const join = await resolve(request, id);
        if (join.row.status === 'finished' || join.row.status === 'cancelled') {
          throw new AppError('visit_closed', 409, 'This visit has ended or was cancelled.');
        }
        if (join.viewer.role === 'patient' && join.row.waiting_since === null) {
          throw new AppError('check_in_required', 409, 'Please check in and press Start first.');
        }
        request.visitJoin = join;
      },
    },
    (socket, request) => {
      const join = request.visitJoin;
      if (!join) {
        socket.close(1011, 'not ready');
        return;
      }
      const queued: { data: RawData; isBinary: boolean }[] = [];
      let conn: Connection | null = null;
      socket.on('message', (data, isBinary) => {
        if (conn) void hub.onMessage(conn, toBuffer(data), isBinary);
        else if (queued.length < 20) queued.push({ data, isBinary });
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!conn || !hub.remove(conn)) return;
        services.visits
          .leave(conn, request.caller)
          .catch((err: unknown) => request.log.warn({ err }, 'visit leave was not recorded'));
      });
      const resume = (request.query as { resume?: string }).resume;
      services.visits
        .join(join.row, join.viewer, request.caller, resume)
        .then((participant) => {
          if (socket.readyState !== socket.OPEN) {
            void presence.leave(participant.id);
            return;
          }
          conn = {
            participantId: participant.id,
            encounterId: join.row.encounter_id,
            appointmentId: join.row.appointment_id,
            viewer: join.viewer,
            admitted: participant.admitted,
            socket,
            tokens: 120,
            lastRefill: Date.now(),
            refusals: 0,
            renderSeq: 0,
          };
          hub.add(conn);
          hub.send(conn, {
            type: 'welcome',
            participantId: participant.id,
            role: participant.role,
            admitted: participant.admitted,
          });
          const ready = conn;
          for (const m of queued.splice(0)) void hub.onMessage(ready, toBuffer(m.data), m.isBinary);
          hub
            .joinedHere(ready.encounterId)
            .catch((err: unknown) => request.log.warn({ err }, 'visit view was not sent'));
        })
        .catch(() => socket.close(1011, 'could not join'));
    },
  );
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
