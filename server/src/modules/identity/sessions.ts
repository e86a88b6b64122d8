import type { SessionInfo } from '@portico/contracts';
import type { ActiveSession, SessionInvalidation, SessionLookup } from '../../lib/session.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { IdentityRepository, SessionRow } from './repository.js';
import { SessionCache } from './session-cache.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  /** Roles that need a second factor where an organization sets no list of its own. */
  mfaRequiredRoles: readonly string[];
  /** How long a session look-up is kept in memory (0: never). */
  cacheMs: number;
}

export type { ActiveSession, SessionLookup } from '../../lib/session.js';

// Writing last_seen on every request would turn every read into a write; a little slack is fine.
const TOUCH_AFTER_MS = 15_000;

/** Server-side sessions: opaque cookie token, stored hashed, idle and absolute expiry. */
export class SessionService {
  /** Recent look-ups, forgotten on every instance when something they show changes. */
  readonly cache: SessionCache;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly policy: SessionPolicy,
  ) {
    this.cache = new SessionCache(policy.cacheMs);
  }

  get idleSeconds(): number {
    return this.policy.idleMinutes * 60;
  }

  async create(
    userId: string,
    meta: { ip: string; userAgent: string | null },
  ): Promise<{ token: string; sessionId: string }> {
    const token = randomToken();
    const now = Date.now();
    const absolute = new Date(now + this.policy.absoluteHours * 3_600_000);
    const idle = new Date(Math.min(now + this.idleSeconds * 1000, absolute.getTime()));
    const row = await this.repo.insertSession({
      tokenHash: hashToken(token),
      userId,
      csrfToken: randomToken(24),
      idleExpiresAt: idle,
      absoluteExpiresAt: absolute,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, sessionId: row.id };
  }

  /**
   * Finds the live session for a cookie token. `touch` extends the idle timer (a real request by
   * the person); background polls pass false so they cannot keep a session alive forever.
   */
  async resolve(token: string | undefined, touch: boolean): Promise<SessionLookup> {
    if (!token || token.length > 200) return { state: 'none' };
    const tokenHash = hashToken(token);
    const now = Date.now();
    let row = this.cache.get(tokenHash, now);
    // A cached row that looks over is read again: another instance may have extended it since.
    if (!row || !isLive(row, now)) {
      const mark = this.cache.mark();
      row = await this.repo.findSessionByTokenHash(tokenHash);
      if (!row) return { state: 'none' };
      // A session held back until a second factor is set up is not kept: setting one up frees it at once.
      if (isLive(row, now) && !this.needsSecondFactor(row)) this.cache.put(tokenHash, row, mark, now);
    }
    if (row.ended_at) return { state: 'expired' };
    if (!isLive(row, now)) {
      const reason = row.disabled_at
        ? 'disabled'
        : row.absolute_expires_at.getTime() <= now
          ? 'absolute_timeout'
          : 'idle_timeout';
      await this.repo.endSession(row.id, reason);
      this.cache.drop({ sessionId: row.id });
      return { state: 'expired' };
    }
    let idleExpiresAt = row.idle_expires_at;
    if (touch && now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      idleExpiresAt = new Date(Math.min(now + this.idleSeconds * 1000, row.absolute_expires_at.getTime()));
      await this.repo.touchSession(row.id, idleExpiresAt);
      this.cache.touched(row.id, new Date(now), idleExpiresAt);
    }
    return { state: 'active', session: toActive(row, idleExpiresAt, this.needsSecondFactor(row)) };
  }

  private needsSecondFactor(row: SessionRow): boolean {
    return (row.mfa_required_roles ?? this.policy.mfaRequiredRoles).includes(row.role) && !row.mfa_enrolled;
  }

  /**
   * Something a session look-up shows has changed (sign-out, password, role, factors, the open
   * record): every instance forgets its cached copy. Call after the change has committed.
   */
  forget(what: SessionInvalidation): Promise<void> {
    return this.cache.invalidate(what);
  }

  /** An organization's policy changed: this instance forgets its sessions (others within the cache's time-to-live). */
  forgetOrganization(organizationId: string): void {
    this.cache.dropOrganization(organizationId);
  }

  /** Explicit "stay signed in": always extends, regardless of the touch throttle. */
  async extend(session: ActiveSession): Promise<ActiveSession> {
    const idleExpiresAt = new Date(Math.min(Date.now() + this.idleSeconds * 1000, session.absoluteExpiresAt.getTime()));
    await this.repo.touchSession(session.id, idleExpiresAt);
    this.cache.touched(session.id, new Date(), idleExpiresAt);
    return { ...session, idleExpiresAt };
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.repo.endSession(sessionId, reason);
    await this.forget({ sessionId });
  }

  async endOthers(userId: string, keepSessionId: string | null, reason: string): Promise<number> {
    const ended = await this.repo.endUserSessions(userId, keepSessionId, reason);
    await this.forget({ userId });
    return ended;
  }

  toInfo(s: ActiveSession): SessionInfo {
    return {
      user: {
        id: s.userId,
        email: s.email,
        role: s.role,
        displayName: s.displayName,
        organizationId: s.organizationId,
        patientId: s.patientId,
        clinicianId: s.clinicianId,
        language: s.language,
      },
      csrfToken: s.csrfToken,
      idleExpiresAt: s.idleExpiresAt.toISOString(),
      absoluteExpiresAt: s.absoluteExpiresAt.toISOString(),
      idleTimeoutSeconds: this.idleSeconds,
      mfaEnrollmentRequired: s.mfaEnrollmentRequired,
    };
  }
}

/** Not ended, the account not disabled, and neither timer run out. */
function isLive(row: SessionRow, now: number): boolean {
  return (
    !row.ended_at && !row.disabled_at && row.idle_expires_at.getTime() > now && row.absolute_expires_at.getTime() > now
  );
}

function toActive(row: SessionRow, idleExpiresAt: Date, mfaEnrollmentRequired: boolean): ActiveSession {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    email: row.email,
    displayName: `${row.given_name} ${row.family_name}`,
    organizationId: row.organization_id,
    patientId: row.patient_id,
    clinicianId: row.clinician_id,
    language: row.language,
    actingForPatientId: row.acting_for_patient_id,
    csrfToken: row.csrf_token,
    idleExpiresAt,
    absoluteExpiresAt: row.absolute_expires_at,
    mfaEnrollmentRequired,
  };
}
