import type { MfaChallenge, SessionInfo } from '@portico/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookie } from '../../plugins/auth.js';
import type { MfaService } from './mfa.js';
import { PENDING_SIGN_IN_MINUTES } from './mfa.js';
import type { SessionService } from './sessions.js';

export const PENDING_COOKIE = 'portico_mfa_pending';
export const TRUSTED_DEVICE_COOKIE = 'portico_trusted_device';
// Only the sign-in routes ever see these cookies.
const COOKIE_PATH = '/api/auth/';

export interface CookieOptions {
  secure: boolean;
  absoluteHours: number;
}

/** Starting a session, and the step between the first factor and it. */
export class SignInFinisher {
  constructor(
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly cookies: CookieOptions,
  ) {}

  /** A new session for the account (a new id every time: no fixation), replacing this browser's old one. */
  async startSession(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<SessionInfo> {
    if (request.session) await this.sessions.end(request.session.id, 'replaced');
    const { token } = await this.sessions.create(userId, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(reply, token, this.cookies);
    void reply.clearCookie(PENDING_COOKIE, this.cookieBase());
    const lookup = await this.sessions.resolve(token, false);
    if (lookup.state !== 'active') throw new Error('new session did not resolve');
    return this.sessions.toInfo(lookup.session);
  }

  /**
   * The password (or an emailed link) was right. Without a second factor, or on a device the
   * person trusted, that is a session; otherwise a short-lived pending step and the methods to finish it.
   */
  async afterFirstFactor(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
  ): Promise<SessionInfo | MfaChallenge> {
    const methods = await this.mfa.methods(userId);
    if (methods.length === 0 || (await this.mfa.isTrustedDevice(userId, request.cookies[TRUSTED_DEVICE_COOKIE]))) {
      return this.startSession(request, reply, userId);
    }
    const token = await this.mfa.beginPending(userId);
    void reply.setCookie(PENDING_COOKIE, token, { ...this.cookieBase(), maxAge: PENDING_SIGN_IN_MINUTES * 60 });
    return { mfaRequired: true, methods, expiresInSeconds: PENDING_SIGN_IN_MINUTES * 60 };
  }

  /** Second factor passed: end the pending step, remember the device if asked, start the session. */
  async finishSecondFactor(
    request: FastifyRequest,
    reply: FastifyReply,
    pending: { id: string; userId: string },
    trustDevice: boolean,
  ): Promise<SessionInfo> {
    await this.mfa.completePending(pending.id);
    if (trustDevice) {
      const trusted = await this.mfa.trustDevice(pending.userId, request.headers['user-agent'] ?? null);
      if (trusted) {
        void reply.setCookie(TRUSTED_DEVICE_COOKIE, trusted.value, {
          ...this.cookieBase(),
          maxAge: trusted.maxAgeSeconds,
        });
      }
    }
    return this.startSession(request, reply, pending.userId);
  }

  private cookieBase() {
    return { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' as const, secure: this.cookies.secure };
  }
}
