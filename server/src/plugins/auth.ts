import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@portico/contracts';
import { anonymousCaller, type AuthenticatedCaller, type Caller } from '../lib/caller.js';
import { AppError, unauthenticated } from '../lib/errors.js';
import { safeEqual } from '../lib/tokens.js';
import type { ActiveSession, OpenRecordAccess, SessionLookup, SessionRecordFacts } from '../lib/session.js';

export const SESSION_COOKIE = 'portico_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Requests that read session state without counting as the person being active.
const PASSIVE_PATHS = new Set(['/api/auth/session']);

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
    session: ActiveSession | null;
    sessionExpired: boolean;
  }
}

export interface AuthOptions {
  /** Turns a session cookie into a live session (the identity module's sessions). */
  sessions: { resolve(token: string | undefined, touch: boolean): Promise<SessionLookup> };
  secureCookies: boolean;
  absoluteHours: number;
  publicUrl: string;
  /** Which record a session has open and what of it the caller may see (proxy access). */
  records: { resolve(facts: SessionRecordFacts): Promise<OpenRecordAccess> };
}

/**
 * Resolves the session cookie into a caller context for every /api request and enforces CSRF:
 * a state-changing request with a session must carry that session's token in `x-csrf-token`;
 * one without a session must not come from another origin.
 */
export async function registerAuth(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  const publicOrigin = new URL(opts.publicUrl).origin;

  const identify = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    const path = request.url.split('?')[0] ?? '';
    const lookup = await opts.sessions.resolve(token, !PASSIVE_PATHS.has(path));
    if (lookup.state === 'active') {
      request.session = lookup.session;
      const s = lookup.session;
      const record = await opts.records.resolve({
        sessionId: s.id,
        userId: s.userId,
        role: s.role,
        ownPatientId: s.patientId,
        actingForPatientId: s.actingForPatientId,
      });
      request.caller = callerFor(s, request, record);
      // Policy asks for a second factor this account lacks: only sign-in and set-up routes answer.
      if (s.mfaEnrollmentRequired && !path.startsWith('/api/auth/')) {
        throw new AppError(
          'mfa_enrollment_required',
          403,
          'Set up a second way to confirm it is you (an authenticator app or a passkey) before you continue.',
        );
      }
    } else if (lookup.state === 'expired' || (token && lookup.state === 'none')) {
      request.sessionExpired = lookup.state === 'expired';
      clearSessionCookie(reply, opts.secureCookies);
    }
    if (!UNSAFE.has(request.method)) return;
    if (request.session) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) {
        throw new AppError(
          'csrf_failed',
          403,
          'This request is missing its security token. Reload the page and try again.',
        );
      }
    } else {
      const origin = request.headers.origin;
      if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
        throw new AppError('csrf_failed', 403, 'Requests from other websites are not accepted.');
      }
    }
  };
  // Callback style: pages, assets and probes pass without a promise to settle (issue 16, lever 3).
  app.addHook('onRequest', (request, reply, done) => {
    request.caller = anonymousCaller(request.ip, request.id);
    // The FHIR API also reads the portal session: a signed-in patient can use it on their own record.
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir/')) return done();
    identify(request, reply).then(() => done(), done);
  });
}

function callerFor(s: ActiveSession, request: FastifyRequest, record: OpenRecordAccess): Caller {
  return {
    userId: s.userId,
    role: s.role,
    organizationId: s.organizationId,
    ownPatientId: s.patientId,
    actingForPatientId: record.patientId,
    areas: record.areas,
    sessionId: s.id,
    ip: request.ip,
    requestId: request.id,
  };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  opts: { secure: boolean; absoluteHours: number },
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    maxAge: opts.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** The signed-in caller, or a 401 that says whether the session timed out. */
export function requireAuth(request: FastifyRequest, roles?: readonly Role[]): AuthenticatedCaller {
  const c = request.caller;
  if (!request.session || !c.userId || !c.role || !c.sessionId) {
    if (request.sessionExpired) {
      throw new AppError(
        'session_expired',
        401,
        'Your session ended to protect your information. Please sign in again.',
      );
    }
    throw unauthenticated();
  }
  if (roles && !roles.includes(c.role)) {
    throw new AppError('forbidden', 403, 'Your account is not allowed to do this.');
  }
  return { ...c, userId: c.userId, role: c.role, sessionId: c.sessionId };
}
