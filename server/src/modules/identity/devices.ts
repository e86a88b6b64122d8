import type { DeviceSession, DeviceSessionList } from '@portico/contracts';
import { isIP } from 'node:net';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { DeviceRow, DevicesRepository } from './devices-repository.js';
import type { SessionService } from './sessions.js';

/** "Where you're signed in": a person's own sessions, and signing out one or all the others. */
export class DeviceService {
  constructor(
    private readonly repo: DevicesRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    /** Signing out everywhere also ends "trust this device" on every device (issue 13). */
    private readonly revokeTrustedDevices: (userId: string) => Promise<number>,
  ) {}

  async list(caller: AuthenticatedCaller): Promise<DeviceSessionList> {
    const rows = await this.repo.listLive(caller.userId);
    return { sessions: rows.map((r) => toDevice(r, caller.sessionId)) };
  }

  /** Signs out one other place; someone else's session, or an ended one, is a 404. */
  async endOne(caller: AuthenticatedCaller, sessionId: string): Promise<void> {
    if (sessionId === caller.sessionId) {
      throw new AppError('validation_failed', 400, 'To sign out here, use Sign out.', [
        { field: 'id', message: 'This is the session you are using.' },
      ]);
    }
    const ended = await this.repo.endOwn(caller.userId, sessionId, 'signed_out_elsewhere');
    if (ended) await this.sessions.forget({ sessionId });
    await this.audit.record(caller, {
      action: 'auth.session.end',
      entityType: 'Session',
      entityId: sessionId,
      outcome: ended ? 'allowed' : 'denied',
    });
    if (!ended) throw notFound('This session');
  }

  async endOthers(caller: AuthenticatedCaller): Promise<number> {
    const ended = await this.sessions.endOthers(caller.userId, caller.sessionId, 'signed_out_elsewhere');
    const trustedDevicesRevoked = await this.revokeTrustedDevices(caller.userId);
    await this.audit.record(caller, {
      action: 'auth.session.end_others',
      entityType: 'User',
      entityId: caller.userId,
      outcome: 'allowed',
      detail: { ended, trustedDevicesRevoked },
    });
    return ended;
  }
}

function toDevice(r: DeviceRow, currentId: string): DeviceSession {
  return {
    id: r.id,
    current: r.id === currentId,
    browser: describeBrowser(r.user_agent),
    signedInAt: r.created_at.toISOString(),
    lastActiveAt: r.last_seen_at.toISOString(),
    network: networkPrefix(r.ip),
  };
}

/** A coarse network: the first three IPv4 octets, or the first three IPv6 groups (/48). */
export function networkPrefix(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return `${v4.split('.').slice(0, 3).join('.')}.x`;
  if (isIP(ip) !== 6) return null;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups.slice(0, 3).join(':')}::/48`;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Android" from a User-Agent; "Unknown browser" when nothing is recognised. */
export function describeBrowser(ua: string | null): string {
  if (!ua) return 'Unknown browser';
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown browser';
}
