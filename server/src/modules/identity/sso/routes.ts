import { SignedOut, SsoInfo } from '@portico/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../lib/errors.js';
import { typed, type RouteDeps } from '../../../lib/route-types.js';
import { clearSessionCookie, setSessionCookie } from '../../../plugins/auth.js';

const tags = ['auth'];
/** Holds the state of this browser's sign-in under way; only the SSO routes ever see it. */
const STATE_COOKIE = 'portico_sso_state';
const STATE_PATH = '/api/auth/sso';

/**
 * Workforce single sign-on: the button's facts, the redirect to the hospital's provider and back,
 * and sign-out (which also names the provider's sign-out page for a session that began there).
 * The browser routes answer with redirects, never a problem body: a refusal lands on the sign-in
 * page with ?sso_error=<code>, which says what happened in the person's language.
 */
export async function ssoRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { sso, sessions } = services;
  const stateCookie = { path: STATE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const toSignIn = (reply: FastifyReply, code: string) =>
    reply.redirect(`/signin?sso_error=${encodeURIComponent(code)}`, 303);
  // Each start stores a row before anyone has signed in: limited like the other sign-in endpoints.
  const authLimit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };
  const refusal = (err: unknown): string | null =>
    err instanceof AppError && err.code.startsWith('sso_') ? err.code : null;

  r.get('/api/auth/sso', { schema: { tags, response: { 200: SsoInfo } } }, async () => ({
    enabled: sso !== null,
    name: sso?.displayName ?? null,
    workforcePasswords: config.workforceLocalPasswords,
  }));

  r.get('/api/auth/sso/start', { config: authLimit, schema: { tags, hide: sso === null } }, async (_request, reply) => {
    if (!sso) throw new AppError('not_found', 404, 'Single sign-on is not set up on this server.');
    try {
      const { url, state } = await sso.start();
      void reply.setCookie(STATE_COOKIE, state, { ...stateCookie, maxAge: 600 });
      return reply.redirect(url, 303);
    } catch (err) {
      const code = refusal(err);
      if (code) return toSignIn(reply, code);
      throw err;
    }
  });

  r.get(
    '/api/auth/sso/callback',
    {
      config: authLimit,
      schema: {
        tags,
        hide: sso === null,
        querystring: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 4000 })),
      },
    },
    async (request, reply) => {
      if (!sso) throw new AppError('not_found', 404, 'Single sign-on is not set up on this server.');
      void reply.clearCookie(STATE_COOKIE, stateCookie);
      try {
        const signIn = await sso.finish(request.caller, request.query, request.cookies[STATE_COOKIE]);
        // The provider may have moved or promoted the person: their other sessions read the account again.
        await sessions.forget({ userId: signIn.userId });
        // A new sign-in always gets a new session id (no fixation), and ends the one this browser had.
        if (request.session) await sessions.end(request.session.id, 'replaced');
        const { token, sessionId } = await sessions.create(signIn.userId, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        await sso.sessionStarted(sessionId, signIn);
        setSessionCookie(reply, token, { secure: config.secureCookies, absoluteHours: config.sessionAbsoluteHours });
        return reply.redirect('/', 303);
      } catch (err) {
        const code = refusal(err);
        if (code) return toSignIn(reply, code);
        throw err;
      }
    },
  );

  r.post('/api/auth/sso/logout', { schema: { tags, response: { 200: SignedOut } } }, async (request, reply) => {
    let redirectUrl: string | null = null;
    if (request.session) {
      redirectUrl = sso ? await sso.endSessionUrl(request.session.id, `${config.publicUrl}/signin`) : null;
      await sessions.end(request.session.id, 'signed_out');
      await services.audit.record(request.caller, {
        action: 'auth.logout',
        entityType: 'User',
        entityId: request.caller.userId,
        outcome: 'allowed',
        detail: { atProvider: redirectUrl !== null },
      });
    }
    clearSessionCookie(reply, config.secureCookies);
    return { redirectUrl };
  });
}
