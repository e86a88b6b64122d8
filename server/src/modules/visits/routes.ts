import {
  AddDelegateBody,
  AdmitBody,
  DelegateList,
  CheckInBody,
  EndVisitBody,
  GuestClaimBody,
  GuestInvite,
  GuestInviteBody,
  GuestInviteList,
  GuestVisit,
  IceServers,
  IdParams,
  PhoneFallbackBody,
  QueueList,
  QueueQuery,
  RunningLateBody,
  Uuid,
  VisitView,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { unauthenticated } from '../../lib/errors.js';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { GUEST_COOKIE, GUEST_COOKIE_PATH } from './cookies.js';
import { iceConfig } from './turn.js';

const tags = ['visits'];
const GuestParams = Type.Object({ id: Uuid, guestId: Uuid }, { additionalProperties: false });

/** The virtual visit: check-in, waiting room, the clinician's controls, guests and relays. */
export async function visitRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { visits, guests, delegates, dayQueue } = services.visits;
  const view = { tags, params: IdParams, response: { 200: VisitView } };

  r.get(
    '/api/visits/queue',
    { schema: { tags, querystring: QueueQuery, response: { 200: QueueList } } },
    async (request) => dayQueue.list(requireAuth(request), request.query),
  );

  // Declared before /api/visits/:id so "delegates" is never taken for a visit id.
  r.get('/api/visits/delegates', { schema: { tags, response: { 200: DelegateList } } }, async (request) =>
    delegates.list(requireAuth(request)),
  );
  r.post(
    '/api/visits/delegates',
    { schema: { tags, body: AddDelegateBody, response: { 200: DelegateList } } },
    async (request) => delegates.add(requireAuth(request), request.body),
  );
  r.delete(
    '/api/visits/delegates/:userId',
    { schema: { tags, params: Type.Object({ userId: Uuid }, { additionalProperties: false }) } },
    async (request, reply) => {
      await delegates.remove(requireAuth(request), request.params.userId);
      return reply.code(204).send();
    },
  );
  r.get('/api/visits/:id', { schema: view }, async (request) => visits.view(requireAuth(request), request.params.id));

  r.post('/api/visits/:id/check-in', { schema: { ...view, body: CheckInBody } }, async (request) =>
    visits.checkIn(requireAuth(request), request.params.id, request.body),
  );

  r.post('/api/visits/:id/start', { schema: view }, async (request) =>
    visits.start(requireAuth(request), request.params.id),
  );

  r.post('/api/visits/:id/admit', { schema: { ...view, body: Type.Optional(AdmitBody) } }, async (request) =>
    visits.admit(requireAuth(request), request.params.id, request.body?.participantId),
  );

  r.post('/api/visits/:id/running-late', { schema: { ...view, body: RunningLateBody } }, async (request) =>
    visits.runningLate(requireAuth(request), request.params.id, request.body.minutes),
  );

  r.post('/api/visits/:id/phone', { schema: { ...view, body: Type.Optional(PhoneFallbackBody) } }, async (request) =>
    visits.switchToPhone(requireAuth(request), request.params.id, request.body?.number),
  );

  r.post('/api/visits/:id/cant-connect', { schema: view }, async (request) =>
    visits.cantConnect(requireAuth(request), request.params.id),
  );

  r.post('/api/visits/:id/end', { schema: { ...view, body: Type.Optional(EndVisitBody) } }, async (request) =>
    visits.end(requireAuth(request), request.params.id, request.body ?? {}),
  );

  // ICE servers with TURN credentials minted for this participant, valid until a while after the visit.
  r.get(
    '/api/visits/:id/ice-servers',
    { schema: { tags, params: IdParams, response: { 200: IceServers } } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const found = request.session
        ? await visits.load(request.caller, request.params.id)
        : await guests.fromSecret(request.cookies[GUEST_COOKIE]);
      if (!found) throw unauthenticated();
      if (found.row.appointment_id !== request.params.id) throw unauthenticated();
      const ttl = Math.max(300, Math.floor((found.row.end_at.getTime() + 3_600_000 - Date.now()) / 1000));
      const label = request.session ? (request.caller.userId ?? 'user') : 'guest';
      return iceConfig(config.media, `${label}-${found.row.encounter_id.slice(0, 8)}`, new Date(), ttl);
    },
  );

  // ---- guests and interpreters ----

  r.get(
    '/api/visits/:id/guests',
    { schema: { tags, params: IdParams, response: { 200: GuestInviteList } } },
    async (request) => ({ guests: await guests.list(requireAuth(request), request.params.id) }),
  );

  r.post(
    '/api/visits/:id/guests',
    { schema: { tags, params: IdParams, body: GuestInviteBody, response: { 201: GuestInvite } } },
    async (request, reply) => {
      const invite = await guests.invite(requireAuth(request), request.params.id, request.body);
      void reply.header('cache-control', 'no-store');
      return reply.code(201).send(invite);
    },
  );

  r.delete('/api/visits/:id/guests/:guestId', { schema: { tags, params: GuestParams } }, async (request, reply) => {
    await guests.revoke(requireAuth(request), request.params.id, request.params.guestId);
    return reply.code(204).send();
  });

  r.post(
    '/api/visits/guest/claim',
    {
      schema: { tags, body: GuestClaimBody, response: { 200: GuestVisit } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { secret, visit } = await guests.claim(request.body.token, request.body.name, request.ip, request.id);
      void reply.setCookie(GUEST_COOKIE, secret, {
        httpOnly: true,
        secure: config.secureCookies,
        sameSite: 'strict',
        path: GUEST_COOKIE_PATH,
        maxAge: 12 * 3600,
      });
      return visit;
    },
  );

  r.get('/api/visits/guest/current', { schema: { tags, response: { 200: GuestVisit } } }, async (request) =>
    guests.current(request.cookies[GUEST_COOKIE]),
  );
}
