import {
  IdParams,
  Passkey,
  PasskeyCreated,
  PasskeyList,
  PasskeyOptions,
  PasskeyRegisterBody,
  PasskeyRenameBody,
  PasskeyVerifyBody,
  SessionInfo,
  StepUpState,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { PENDING_COOKIE, SignInFinisher } from './sign-in-finish.js';

const tags = ['auth'];

/** Passkeys: set up and manage them, sign in with one, use one as the second step or for step-up. */
export async function passkeyRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { passkeys, mfa, stepUp } = services;
  const authLimit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };
  const finish = new SignInFinisher(services.sessions, mfa, {
    secure: config.secureCookies,
    absoluteHours: config.sessionAbsoluteHours,
  });

  // ---- Account › Sign-in security ----

  r.get('/api/auth/passkeys', { schema: { tags, response: { 200: PasskeyList } } }, async (request) => ({
    passkeys: await passkeys.list(requireAuth(request).userId),
  }));

  r.post(
    '/api/auth/passkeys/register/options',
    { config: authLimit, schema: { tags, response: { 200: PasskeyOptions } } },
    async (request) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      const s = request.session;
      return { options: await passkeys.registrationOptions(caller, s?.email ?? '', s?.displayName ?? '') };
    },
  );

  r.post(
    '/api/auth/passkeys',
    { config: authLimit, schema: { tags, body: PasskeyRegisterBody, response: { 201: PasskeyCreated } } },
    async (request, reply) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return reply.status(201).send(await passkeys.register(caller, request.body.name, request.body.credential));
    },
  );

  r.patch(
    '/api/auth/passkeys/:id',
    { schema: { tags, params: IdParams, body: PasskeyRenameBody, response: { 200: Passkey } } },
    async (request) => passkeys.rename(requireAuth(request), request.params.id, request.body.name),
  );

  r.delete('/api/auth/passkeys/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const caller = requireAuth(request);
    await stepUp.require(caller);
    await passkeys.remove(caller, request.params.id);
    return reply.status(204).send();
  });

  // ---- sign-in with a passkey alone (discoverable credentials) ----

  r.post(
    '/api/auth/passkeys/sign-in/options',
    { config: authLimit, schema: { tags, response: { 200: PasskeyOptions } } },
    async () => ({ options: await passkeys.authenticationOptions('sign_in', null) }),
  );

  r.post(
    '/api/auth/passkeys/sign-in',
    { config: authLimit, schema: { tags, body: PasskeyVerifyBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      // A passkey with user verification is two factors in one (the device, and its PIN or biometric).
      const userId = await passkeys.signIn(request.caller, request.body.credential);
      return finish.startSession(request, reply, userId);
    },
  );

  // ---- the second step after a password ----

  r.post(
    '/api/auth/passkeys/second-factor/options',
    { config: authLimit, schema: { tags, response: { 200: PasskeyOptions } } },
    async (request) => {
      const pending = await mfa.pendingUser(request.cookies[PENDING_COOKIE]);
      return { options: await passkeys.authenticationOptions('second_factor', pending.userId) };
    },
  );

  r.post(
    '/api/auth/passkeys/second-factor',
    { config: authLimit, schema: { tags, body: PasskeyVerifyBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const pending = await mfa.pendingUser(request.cookies[PENDING_COOKIE]);
      await passkeys.check(request.caller, 'second_factor', request.body.credential, pending.userId);
      return finish.finishSecondFactor(request, reply, pending, request.body.trustDevice === true);
    },
  );

  // ---- step-up ----

  r.post(
    '/api/auth/passkeys/step-up/options',
    { config: authLimit, schema: { tags, response: { 200: PasskeyOptions } } },
    async (request) => ({
      options: await passkeys.authenticationOptions('step_up', requireAuth(request).userId),
    }),
  );

  r.post(
    '/api/auth/passkeys/step-up',
    { config: authLimit, schema: { tags, body: PasskeyVerifyBody, response: { 200: StepUpState } } },
    async (request) => {
      const caller = requireAuth(request);
      await passkeys.check(caller, 'step_up', request.body.credential, caller.userId);
      const until = await stepUp.passed(caller);
      return { validUntil: until.toISOString() };
    },
  );
}
