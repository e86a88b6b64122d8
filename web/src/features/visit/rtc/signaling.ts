import { SERVER_RESTARTING_CLOSE_CODE, type ClientMessage, type ServerMessage } from '@portico/contracts';
import { Emitter } from './emitter';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';
/** Why the socket stopped for good: the server's goodbye, or the visit could not be reached. */
export type SocketEnd = 'visit_ended' | 'cancelled' | 'removed' | 'replaced' | 'unavailable';

interface SocketEvents {
  status: [SocketStatus];
  message: [ServerMessage];
  end: [SocketEnd];
}

export interface VisitSocketOptions {
  appointmentId: string;
  /**
   * Asked after the socket failed to open a few times in a row (the browser does not say why an
   * upgrade was refused): false means the visit is gone or closed, so stop trying.
   */
  probe?: () => Promise<boolean>;
  /** For tests: the WebSocket constructor and the page's location. */
  createSocket?: (url: string) => WebSocket;
  origin?: { protocol: string; host: string };
}

const PING_EVERY_MS = 10_000;
/** No message at all (not even a pong) for this long: the connection is dead, open a new one. */
const SILENT_LIMIT_MS = 25_000;
const MAX_QUEUED = 200;
const PROBE_AFTER_FAILURES = 3;
/** After a "server restarting" close: long enough for a load balancer to notice, short enough not to be felt. */
const RESTART_RECONNECT_MS = 250;
const SERVER_MESSAGE_TYPES = new Set(['welcome', 'visit', 'signal', 'media', 'pong', 'error', 'bye']);

/** Backoff before reconnect attempt `n` (0-based): 0.5 s doubling to 10 s, with ±25 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || !('type' in value)) return null;
    return typeof value.type === 'string' && SERVER_MESSAGE_TYPES.has(value.type) ? (value as ServerMessage) : null;
  } catch {
    return null;
  }
}

/**
 * The visit's signaling WebSocket. Reconnects by itself with backoff, resuming the same
 * participant (so the others keep their connection to us), and queues signaling while down.
 */
export class VisitSocket extends Emitter<SocketEvents> {
  private ws: WebSocket | null = null;
  private status: SocketStatus = 'closed';
  private stopped = true;
  private participantId: string | null = null;
  private attempt = 0;
  private failuresSinceOpen = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private readonly queue: ClientMessage[] = [];

  constructor(private readonly options: VisitSocketOptions) {
    super();
  }

  get currentStatus(): SocketStatus {
    return this.status;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  /** Closes for good (leaving the page, or the visit ended). */
  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'left');
    this.setStatus('closed');
    this.removeAllListeners();
  }

  /** Sends now, or (for signaling) keeps it until the socket is back. */
  send(message: ClientMessage): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && this.status === 'open') {
      this.ws.send(JSON.stringify(message));
    } else if (message.type === 'signal' && this.queue.length < MAX_QUEUED) {
      this.queue.push(message);
    }
  }

  private readonly onOnline = () => {
    // The network is back: do not wait out the backoff.
    if (this.stopped || this.status === 'open') return;
    this.attempt = 0;
    this.reconnectSoon(0);
  };

  private url(): string {
    const where = this.options.origin ?? window.location;
    const scheme = where.protocol === 'https:' ? 'wss:' : 'ws:';
    const resume = this.participantId ? `?resume=${encodeURIComponent(this.participantId)}` : '';
    return `${scheme}//${where.host}/api/visits/${encodeURIComponent(this.options.appointmentId)}/socket${resume}`;
  }

  private open(): void {
    this.setStatus(this.participantId ? 'reconnecting' : 'connecting');
    const ws = this.options.createSocket ? this.options.createSocket(this.url()) : new WebSocket(this.url());
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.lastHeard = Date.now();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      const message = parseServerMessage(event.data);
      if (message) this.onMessage(message);
    };
    ws.onclose = (event: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (this.stopped) return;
      // 4000: the visit is over (a bye came first); 4001: this person joined somewhere else.
      if (event.code === 4000 || event.code === 4001) {
        this.finish(event.code === 4001 ? 'replaced' : 'visit_ended');
        return;
      }
      if (event.code === SERVER_RESTARTING_CLOSE_CODE) {
        // The server is shutting down on purpose: another instance (or this one, restarted) takes
        // over, so try again straight away rather than after the usual backoff.
        this.failuresSinceOpen = 0;
        this.attempt = 0;
        this.setStatus('reconnecting');
        this.reconnectSoon(RESTART_RECONNECT_MS);
        return;
      }
      this.failuresSinceOpen = opened ? 0 : this.failuresSinceOpen + 1;
      void this.retry();
    };
  }

  private onMessage(message: ServerMessage): void {
    if (message.type === 'welcome') {
      this.participantId = message.participantId;
      this.attempt = 0;
      this.failuresSinceOpen = 0;
      this.setStatus('open');
      this.startPing();
      for (const queued of this.queue.splice(0)) this.send(queued);
    }
    this.emit('message', message);
    if (message.type === 'bye') this.finish(message.reason);
  }

  private async retry(): Promise<void> {
    this.setStatus('reconnecting');
    if (this.options.probe && this.failuresSinceOpen >= PROBE_AFTER_FAILURES) {
      this.failuresSinceOpen = 0;
      const keepTrying = await this.options.probe().catch(() => true);
      if (this.stopped) return;
      if (!keepTrying) {
        this.finish('unavailable');
        return;
      }
    }
    this.reconnectSoon(reconnectDelay(this.attempt));
    this.attempt += 1;
  }

  private reconnectSoon(delay: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      const old = this.ws;
      this.ws = null;
      if (old) old.close();
      this.open();
    }, delay);
  }

  private startPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > SILENT_LIMIT_MS) {
        // Half-open connection (e.g. the network changed): replace it.
        const dead = this.ws;
        this.ws = null;
        this.clearTimers();
        dead?.close();
        void this.retry();
        return;
      }
      this.send({ type: 'ping' });
    }, PING_EVERY_MS);
  }

  private finish(reason: SocketEnd): void {
    this.emit('end', reason);
    this.stop();
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pingTimer = null;
    this.retryTimer = null;
  }

  private setStatus(status: SocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }
}
