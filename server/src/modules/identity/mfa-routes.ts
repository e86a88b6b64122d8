import {
  CodeBody,
  MfaStatus,
  MfaVerifyBody,
  RecoveryCodes,
  SessionInfo,
  StepUpBody,
  StepUpState,
  TotpEnrollment,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { PENDING_COOKIE, SignInFinisher } from './sign-in-finish.js';

const tags = ['auth'];

/** The second step of a sign-in, "Sign-in security" (authenticator app, recovery codes) and step-up. */
export async function mfaRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { mfa, stepUp } = services;
  const authLimit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };
  const finish = new SignInFinisher(services.sessions, mfa, {
    secure: config.secureCookies,
    absoluteHours: config.sessionAbsoluteHours,
  });

  r.post(
    '/api/auth/mfa/verify',
    { config: authLimit, schema: { tags, body: MfaVerifyBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const pending = await mfa.pendingUser(request.cookies[PENDING_COOKIE]);
      await mfa.verifyCode(request.caller, pending.userId, request.body.method, request.body.code);
      return finish.finishSecondFactor(request, reply, pending, request.body.trustDevice === true);
    },
  );

  r.get('/api/auth/mfa', { schema: { tags, response: { 200: MfaStatus } } }, async (request) => {
    const caller = requireAuth(request);
    return mfa.status(caller.userId, request.session?.mfaEnrollmentRequired ?? false);
  });

  r.post(
    '/api/auth/mfa/totp/start',
    { config: authLimit, schema: { tags, response: { 200: TotpEnrollment } } },
    async (request) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return mfa.startTotp(caller, request.session?.email ?? '');
    },
  );

  r.post(
    '/api/auth/mfa/totp/confirm',
    { config: authLimit, schema: { tags, body: CodeBody, response: { 200: RecoveryCodes } } },
    async (request) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return mfa.confirmTotp(caller, request.body.code);
    },
  );

  r.delete('/api/auth/mfa/totp', { schema: { tags } }, async (request, reply) => {
    const caller = requireAuth(request);
    await stepUp.require(caller);
    await mfa.removeTotp(caller);
    return reply.status(204).send();
  });

  r.post(
    '/api/auth/mfa/recovery-codes',
    { config: authLimit, schema: { tags, response: { 200: RecoveryCodes } } },
    async (request) => {
      const caller = requireAuth(request);
      await stepUp.require(caller);
      return { recoveryCodes: await mfa.regenerateRecoveryCodes(caller) };
    },
  );

  r.post(
    '/api/auth/step-up',
    { config: authLimit, schema: { tags, body: StepUpBody, response: { 200: StepUpState } } },
    async (request) => {
      const caller = requireAuth(request);
      const until = await stepUp.reauthenticate(caller, request.body);
      return { validUntil: until.toISOString() };
    },
  );
}
