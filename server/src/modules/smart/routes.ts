import {
  ConnectedAppList,
  IdParams,
  SmartApp,
  SmartAppBody,
  SmartAppCreated,
  SmartAppList,
  SmartApproveBody,
  SmartInteraction,
  SmartRedirect,
} from '@portico/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { FHIR_PATH } from './module.js';

const tags = ['smart'];
const UidParams = Type.Object({ uid: Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
const GrantParams = Type.Object({
  grantId: Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});

/** The web app's side of SMART: consent, connected apps, and app registration for admins. */
export async function smartRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { smart } = services;
  const ownName = (request: FastifyRequest) => request.session?.displayName ?? '';

  r.get(
    '/api/smart/interactions/:uid',
    { schema: { tags, params: UidParams, response: { 200: SmartInteraction } } },
    async (request) => smart.authorizations.details(requireAuth(request), request.params.uid, ownName(request)),
  );
  r.post(
    '/api/smart/interactions/:uid/approve',
    { schema: { tags, params: UidParams, body: SmartApproveBody, response: { 200: SmartRedirect } } },
    async (request) => {
      const caller = requireAuth(request);
      // Letting an app read a record is a sensitive change: step-up first, for every account.
      await services.stepUp.require(caller);
      return smart.authorizations.approve(caller, request.params.uid, request.body.patientId, ownName(request));
    },
  );
  r.post(
    '/api/smart/interactions/:uid/deny',
    { schema: { tags, params: UidParams, response: { 200: SmartRedirect } } },
    async (request) => smart.authorizations.deny(requireAuth(request), request.params.uid),
  );

  r.get('/api/smart/connected-apps', { schema: { tags, response: { 200: ConnectedAppList } } }, async (request) => ({
    apps: await smart.authorizations.connected(requireAuth(request)),
  }));
  r.delete('/api/smart/connected-apps/:grantId', { schema: { tags, params: GrantParams } }, async (request, reply) => {
    await smart.authorizations.revoke(requireAuth(request), request.params.grantId);
    return reply.status(204).send();
  });

  r.get('/api/admin/smart-apps', { schema: { tags, response: { 200: SmartAppList } } }, async (request) => ({
    apps: await smart.apps.list(requireAuth(request, ['admin'])),
  }));
  r.post(
    '/api/admin/smart-apps',
    { schema: { tags, body: SmartAppBody, response: { 201: SmartAppCreated } } },
    async (request, reply) =>
      reply.status(201).send(await smart.apps.register(requireAuth(request, ['admin']), request.body)),
  );
  r.post(
    '/api/admin/smart-apps/:id/disable',
    { schema: { tags, params: IdParams, response: { 200: SmartApp } } },
    async (request) => smart.apps.disable(requireAuth(request, ['admin']), request.params.id),
  );

  // Discovery for SMART apps; read from other origins, so any origin may fetch it.
  // Also at the root, where some clients look first.
  for (const path of [`${FHIR_PATH}/.well-known/smart-configuration`, '/.well-known/smart-configuration']) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('access-control-allow-origin', '*').type('application/json').send(smart.smartConfiguration()),
    );
  }
}

/**
 * oidc-provider (a Koa app) answers /oauth/* and OpenID discovery. Fastify hands it the raw
 * request untouched: this plugin's scope has no body parsers, so oidc-provider reads the body itself.
 */
export async function smartOauthRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  let callback: ((req: FastifyRequest['raw'], res: FastifyReply['raw']) => Promise<void>) | null = null;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const provider = await services.smart.provider();
    callback ??= provider.callback() as (req: FastifyRequest['raw'], res: FastifyReply['raw']) => Promise<void>;
    reply.hijack();
    await callback(request.raw, reply.raw);
  };
  app.all('/oauth', { schema: { hide: true } }, handler);
  app.all('/oauth/*', { schema: { hide: true } }, handler);
  app.get('/.well-known/openid-configuration', { schema: { hide: true } }, handler);
  app.options('/.well-known/openid-configuration', { schema: { hide: true } }, handler);
}
