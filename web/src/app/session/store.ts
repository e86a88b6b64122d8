import type { SessionInfo } from '@portico/contracts';

export type SessionStatus = 'loading' | 'ready' | 'error';
/** Why the last session ended; the sign-in page explains it. */
export type EndReason = 'expired' | 'signedOut';

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly session: SessionInfo | null;
  /** Local clock (ms) when the server will end the session for inactivity. */
  readonly idleDeadline: number;
  /** Local clock (ms) when the session ends no matter what. */
  readonly absoluteDeadline: number;
  readonly endReason: EndReason | null;
}

type Listener = () => void;
type BroadcastMessage = { kind: 'session'; session: SessionInfo } | { kind: 'ended'; reason: EndReason };

const CHANNEL = 'portico-session';

/**
 * The signed-in session, outside React so the API client can read the CSRF token and report
 * a lost session. Deadlines are kept on the local clock, corrected by the server's Date header.
 * Other tabs hear about refreshed and ended sessions through a BroadcastChannel.
 */
export class SessionStore {
  private snapshot: SessionSnapshot = {
    status: 'loading',
    session: null,
    idleDeadline: 0,
    absoluteDeadline: 0,
    endReason: null,
  };
  private readonly listeners = new Set<Listener>();
  private skewMs = 0;
  private lastActivity = 0;
  private lastSync = 0;
  private readonly channel: BroadcastChannel | null;

  constructor() {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<BroadcastMessage>) => {
      const message = event.data;
      if (message.kind === 'session') this.apply(message.session, 'ready');
      else if (this.snapshot.session) this.endLocally(message.reason);
    });
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Store a session freshly returned by the server (or null when signed out). */
  set(session: SessionInfo | null): void {
    this.lastSync = Date.now();
    if (session === null) {
      if (this.snapshot.session) this.endLocally('expired');
      else this.update({ ...this.snapshot, status: 'ready' });
      return;
    }
    this.apply(session, 'ready');
    this.channel?.postMessage({ kind: 'session', session } satisfies BroadcastMessage);
  }

  /** The first load failed (server unreachable). */
  failLoading(): void {
    this.update({ ...this.snapshot, status: 'error' });
  }

  retryLoading(): void {
    this.update({ ...this.snapshot, status: 'loading' });
  }

  /** End the session here and in other tabs. */
  end(reason: EndReason): void {
    if (!this.snapshot.session) return;
    this.endLocally(reason);
    this.channel?.postMessage({ kind: 'ended', reason } satisfies BroadcastMessage);
  }

  /** Forget why the last session ended (once the notice has been shown or acted on). */
  clearEndReason(): void {
    if (this.snapshot.endReason) this.update({ ...this.snapshot, endReason: null });
  }

  /** An authenticated request succeeded, so the server slid its idle timeout. */
  noteActivity(): void {
    this.lastActivity = Date.now();
  }

  /** True when there was API activity since the session was last read from the server. */
  needsSync(minIntervalMs: number): boolean {
    return this.lastActivity > this.lastSync && Date.now() - this.lastSync >= minIntervalMs;
  }

  noteServerDate(header: string | null): void {
    if (!header) return;
    const server = Date.parse(header);
    // The Date header has one-second resolution; ignore differences below that.
    if (Number.isFinite(server)) {
      const skew = server - Date.now();
      this.skewMs = Math.abs(skew) > 1500 ? skew : 0;
    }
  }

  private apply(session: SessionInfo, status: SessionStatus): void {
    this.update({
      status,
      session,
      idleDeadline: Date.parse(session.idleExpiresAt) - this.skewMs,
      absoluteDeadline: Date.parse(session.absoluteExpiresAt) - this.skewMs,
      endReason: null,
    });
  }

  private endLocally(reason: EndReason): void {
    this.update({ status: 'ready', session: null, idleDeadline: 0, absoluteDeadline: 0, endReason: reason });
  }

  private update(next: SessionSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
