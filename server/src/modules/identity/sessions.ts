import type { SessionInfo } from '@portico/contracts';
import type { ActiveSession, SessionLookup } from '../../lib/session.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { IdentityRepository, SessionRow } from './repository.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  /** Roles that need a second factor where an organization sets no list of its own. */
  mfaRequiredRoles: readonly string[];
}

export type { ActiveSession, SessionLookup } from '../../lib/session.js';

// Writing last_seen on every request would turn every read into a write; a little slack is fine.
const TOUCH_AFTER_MS = 15_000;

/** Server-side sessions: opaque cookie token, stored hashed, idle and absolute expiry. */
export class SessionService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly policy: SessionPolicy,
  ) {}

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
    const row = await this.repo.findSessionByTokenHash(hashToken(token));
    if (!row) return { state: 'none' };
    if (row.ended_at) return { state: 'expired' };
    const now = Date.now();
    if (row.disabled_at || row.idle_expires_at.getTime() <= now || row.absolute_expires_at.getTime() <= now) {
      const reason = row.disabled_at
        ? 'disabled'
        : row.absolute_expires_at.getTime() <= now
          ? 'absolute_timeout'
          : 'idle_timeout';
      await this.repo.endSession(row.id, reason);
      return { state: 'expired' };
    }
    let idleExpiresAt = row.idle_expires_at;
    if (touch && now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      idleExpiresAt = new Date(Math.min(now + this.idleSeconds * 1000, row.absolute_expires_at.getTime()));
      await this.repo.touchSession(row.id, idleExpiresAt);
    }
    const required = (row.mfa_required_roles ?? this.policy.mfaRequiredRoles).includes(row.role);
    return { state: 'active', session: toActive(row, idleExpiresAt, required && !row.mfa_enrolled) };
  }

  /** Explicit "stay signed in": always extends, regardless of the touch throttle. */
  async extend(session: ActiveSession): Promise<ActiveSession> {
    const idleExpiresAt = new Date(Math.min(Date.now() + this.idleSeconds * 1000, session.absoluteExpiresAt.getTime()));
    await this.repo.touchSession(session.id, idleExpiresAt);
    return { ...session, idleExpiresAt };
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.repo.endSession(sessionId, reason);
  }

  endOthers(userId: string, keepSessionId: string | null, reason: string): Promise<number> {
    return this.repo.endUserSessions(userId, keepSessionId, reason);
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
