import {
  ActivateBody,
  DeviceSessionList,
  EndedCount,
  ChangePasswordBody,
  LanguageBody,
  LoginBody,
  Message,
  ResetCompleteBody,
  ResetRequestBody,
  SessionInfo,
  SessionState,
  SignInResult,
  SignupBody,
  TokenBody,
  Uuid,
} from '@portico/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { clearSessionCookie, requireAuth } from '../../plugins/auth.js';
import { SignInFinisher } from './sign-in-finish.js';

const tags = ['auth'];

/** Sign-in, sign-out, session, enrollment (both ways), verification and password routes. */
export async function identityRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { accounts, passwords, sessions } = services;
  const authLimit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };
  const cookieOpts = { secure: config.secureCookies, absoluteHours: config.sessionAbsoluteHours };

  const finish = new SignInFinisher(sessions, services.mfa, cookieOpts);
  const startSession = (request: FastifyRequest, reply: FastifyReply, userId: string) =>
    finish.startSession(request, reply, userId);

  r.get('/api/auth/session', { schema: { tags, response: { 200: SessionState } } }, async (request) => ({
    session: request.session ? sessions.toInfo(request.session) : null,
  }));

  r.post(
    '/api/auth/login',
    { config: authLimit, schema: { tags, body: LoginBody, response: { 200: SignInResult } } },
    async (request, reply) => {
      const userId = await accounts.login(request.caller, request.body.email, request.body.password);
      return finish.afterFirstFactor(request, reply, userId);
    },
  );

  r.post(
    '/api/auth/sign-in-link/request',
    { config: authLimit, schema: { tags, body: ResetRequestBody, response: { 202: Message } } },
    async (request, reply) => {
      await services.signInLinks.request(request.caller, request.body.email);
      return reply.status(202).send({
        message: 'If an account uses this email, we have sent it a link to sign in. It works once, for 15 minutes.',
      });
    },
  );

  r.post(
    '/api/auth/sign-in-link/complete',
    { config: authLimit, schema: { tags, body: TokenBody, response: { 200: SignInResult } } },
    async (request, reply) => {
      const userId = await services.signInLinks.complete(request.caller, request.body.token);
      // An emailed link is one factor, like a password: a second one still follows when set up.
      return finish.afterFirstFactor(request, reply, userId);
    },
  );

  r.get('/api/auth/sessions', { schema: { tags, response: { 200: DeviceSessionList } } }, async (request) =>
    services.devices.list(requireAuth(request)),
  );

  r.delete(
    '/api/auth/sessions/:id',
    { schema: { tags, params: Type.Object({ id: Uuid }, { additionalProperties: false }) } },
    async (request, reply) => {
      await services.devices.endOne(requireAuth(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.post('/api/auth/sessions/end-others', { schema: { tags, response: { 200: EndedCount } } }, async (request) => ({
    ended: await services.devices.endOthers(requireAuth(request)),
  }));

  r.post('/api/auth/logout', { schema: { tags } }, async (request, reply) => {
    if (request.session) {
      await sessions.end(request.session.id, 'signed_out');
      await services.audit.record(request.caller, {
        action: 'auth.logout',
        entityType: 'User',
        entityId: request.caller.userId,
        outcome: 'allowed',
      });
    }
    clearSessionCookie(reply, config.secureCookies);
    return reply.status(204).send();
  });

  r.put(
    '/api/auth/language',
    { schema: { tags, body: LanguageBody, response: { 200: SessionInfo } } },
    async (request) => {
      const caller = requireAuth(request);
      await accounts.setLanguage(caller.userId, request.body.language);
      const session = request.session;
      if (!session) throw new Error('unreachable');
      return sessions.toInfo({ ...session, language: request.body.language });
    },
  );

  r.post('/api/auth/session/refresh', { schema: { tags, response: { 200: SessionInfo } } }, async (request) => {
    requireAuth(request);
    const session = request.session;
    if (!session) throw new Error('unreachable');
    return sessions.toInfo(await sessions.extend(session));
  });

  r.post(
    '/api/auth/signup',
    { config: authLimit, schema: { tags, body: SignupBody, response: { 202: Message } } },
    async (request, reply) => {
      await accounts.signup(request.caller, request.body);
      return reply.status(202).send({ message: 'Check your email for a link to confirm your address.' });
    },
  );

  r.post(
    '/api/auth/verify-email',
    { config: authLimit, schema: { tags, body: TokenBody, response: { 200: Message } } },
    async (request) => {
      await accounts.verifyEmail(request.caller, request.body.token);
      return { message: 'Your email is confirmed. You can sign in now.' };
    },
  );

  r.post(
    '/api/auth/activate',
    { config: authLimit, schema: { tags, body: ActivateBody, response: { 201: SessionInfo } } },
    async (request, reply) => {
      const userId = await accounts.activate(request.caller, request.body);
      const info = await startSession(request, reply, userId);
      return reply.status(201).send(info);
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    { config: authLimit, schema: { tags, body: ResetRequestBody, response: { 202: Message } } },
    async (request, reply) => {
      await passwords.requestPasswordReset(request.caller, request.body.email);
      return reply
        .status(202)
        .send({ message: 'If an account uses this email, we have sent it a link to reset the password.' });
    },
  );

  r.post(
    '/api/auth/password-reset/complete',
    { config: authLimit, schema: { tags, body: ResetCompleteBody } },
    async (request, reply) => {
      await passwords.completePasswordReset(request.caller, request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/auth/password/change',
    { config: authLimit, schema: { tags, body: ChangePasswordBody } },
    async (request, reply) => {
      const caller = requireAuth(request);
      await services.stepUp.requireForPasswordChange(caller);
      await passwords.changePassword(caller, request.body);
      return reply.status(204).send();
    },
  );
}
