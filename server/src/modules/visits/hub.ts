import {
  ClientMessage,
  SERVER_RESTARTING_CLOSE_CODE as SERVER_RESTARTING,
  type ServerMessage,
} from '@portico/contracts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import type { Viewer } from './access.js';
import type { BusEvent, VisitBus } from './bus.js';
import type { PresenceRepository } from './presence-repository.js';
import { AdmittedRoster } from './roster.js';
import type { VisitService } from './service.js';
import type { VisitSnapshot } from './views.js';

const checkMessage = Compile(ClientMessage);
/** Larger messages are refused with an error (the socket itself allows a little more, to answer). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
const RATE_PER_SECOND = 40;
const BURST = 120;
/** A sender still flooding after this many refusals is disconnected. */
const MAX_REFUSALS = 200;

export interface Connection {
  participantId: string;
  encounterId: string;
  appointmentId: string;
  viewer: Viewer;
  admitted: boolean;
  socket: WebSocket;
  tokens: number;
  lastRefill: number;
  refusals: number;
  renderSeq: number;
}

export interface HubLogger {
  warn(obj: object, msg: string): void;
}

/** Sockets pinged in one turn of the event loop by the heartbeat. */
const PINGS_PER_TURN = 250;

/**
 * The visits' live connections on this instance. Signaling is relayed only between admitted
 * participants of the same visit; people in the lobby get visit updates and nothing else. Who is
 * admitted is kept in memory (AdmittedRoster), forgotten on every bus event about the visit.
 */
export class VisitHub {
  private readonly conns = new Map<string, Connection>();
  /** The same connections by visit (encounter id), so a visit event does not scan every socket. */
  private readonly byVisit = new Map<string, Set<Connection>>();
  /** Visits being re-sent to their sockets; `again` when another change came in meanwhile. */
  private readonly refreshing = new Map<string, { again: boolean }>();
  readonly roster: AdmittedRoster;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly visits: VisitService,
    private readonly presence: PresenceRepository,
    private readonly bus: VisitBus,
    readonly instanceId: string,
    private readonly log: HubLogger,
  ) {
    this.roster = new AdmittedRoster((encounterId) => presence.admittedIn(encounterId));
    bus.subscribe((event) => {
      this.onBus(event).catch((err: unknown) => this.log.warn({ err: String(err) }, 'visit event failed'));
    });
  }

  start(): void {
    this.heartbeat = setInterval(() => void this.beat(), 15_000);
    this.heartbeat.unref();
  }

  /**
   * Pings every socket and ends those that did not answer the last ping. A few hundred sockets a
   * turn of the event loop: ten thousand pings in one turn held every relay behind them for
   * over 100 ms (bench:signaling at 5,000 visits).
   */
  private async beat(): Promise<void> {
    this.roster.sweep();
    let inTurn = 0;
    for (const conn of [...this.conns.values()]) {
      if (++inTurn > PINGS_PER_TURN) {
        inTurn = 1;
        await nextTurn();
      }
      if (conn.socket.readyState !== conn.socket.OPEN) continue;
      if (!this.alive.has(conn.socket)) {
        conn.socket.terminate();
        continue;
      }
      this.alive.delete(conn.socket);
      conn.socket.ping();
    }
    await this.presence.touch(this.instanceId).catch(() => undefined);
  }

  get size(): number {
    return this.conns.size;
  }

  add(conn: Connection): void {
    const previous = this.conns.get(conn.participantId);
    if (previous && previous.socket !== conn.socket) {
      previous.socket.close(4001, 'replaced');
      this.unindex(previous);
    }
    this.conns.set(conn.participantId, conn);
    let visit = this.byVisit.get(conn.encounterId);
    if (!visit) this.byVisit.set(conn.encounterId, (visit = new Set()));
    visit.add(conn);
    this.alive.add(conn.socket);
    conn.socket.on('pong', () => this.alive.add(conn.socket));
  }

  /** Forgets a socket; true when it was the current one for its participant. */
  remove(conn: Connection): boolean {
    if (this.conns.get(conn.participantId)?.socket !== conn.socket) return false;
    this.conns.delete(conn.participantId);
    this.unindex(conn);
    return true;
  }

  private unindex(conn: Connection): void {
    const visit = this.byVisit.get(conn.encounterId);
    if (!visit?.delete(conn) || visit.size > 0) return;
    this.byVisit.delete(conn.encounterId);
  }

  send(conn: Connection, message: ServerMessage): void {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(message));
  }

  private inVisit(encounterId: string): Connection[] {
    return [...(this.byVisit.get(encounterId) ?? [])];
  }

  /** After someone joined through this instance (its bus event skips this instance): re-sends the visit here. */
  joinedHere(encounterId: string): Promise<void> {
    this.roster.forget(encounterId);
    return this.refreshVisit(encounterId);
  }

  /**
   * Re-sends the visit to its sockets here. Changes arriving while that runs are coalesced into
   * one more round, so a burst of joins renders each socket's view a few times, not once per event.
   */
  async refreshVisit(encounterId: string): Promise<void> {
    const running = this.refreshing.get(encounterId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.refreshing.set(encounterId, state);
    try {
      while (state.again) {
        state.again = false;
        await this.refreshAll(this.inVisit(encounterId));
      }
    } finally {
      this.refreshing.delete(encounterId);
    }
  }

  async onBus(event: BusEvent): Promise<void> {
    switch (event.kind) {
      case 'visit':
        // The instance that made the change forgot the roster and re-sent the visit itself
        // (refreshFrom, joinedHere): forgetting again here would only discard its fresh roster.
        if (event.exceptInstance === this.instanceId) return;
        // Joins, admissions, leaves and the end all announce "visit": who is admitted may have changed.
        this.roster.forget(event.encounterId);
        await this.refreshVisit(event.encounterId);
        return;
      case 'signal': {
        const target = this.conns.get(event.to);
        if (!target || target.encounterId !== event.encounterId) return;
        // The sender's instance found the target admitted in the database before publishing; this
        // connection's own flag may not have caught up with the admission yet (refresh runs after).
        // Dropping the offer then would leave the call stuck on "connecting".
        target.admitted = true;
        this.send(target, { type: 'signal', from: event.from, data: event.data });
        return;
      }
      case 'media':
        for (const c of this.inVisit(event.encounterId)) {
          if (c.admitted && c.participantId !== event.from)
            this.send(c, { type: 'media', from: event.from, state: event.state });
        }
        return;
      case 'kick': {
        this.roster.forget(event.encounterId);
        if (event.exceptInstance === this.instanceId) return;
        const c = this.conns.get(event.participantId);
        if (c && c.encounterId === event.encounterId) {
          this.send(c, { type: 'bye', reason: event.reason });
          this.conns.delete(c.participantId);
          this.unindex(c);
          c.socket.close(4000, event.reason);
        }
        return;
      }
    }
  }

  /**
   * Re-sends a visit to these connections (all of the same visit): its state is read once, and
   * each gets its own view of it and picks up whether it has been admitted.
   */
  private async refreshAll(conns: Connection[]): Promise<void> {
    const first = conns[0];
    if (!first) return;
    await this.sendFresh(first.encounterId, conns, () => this.visits.reader.snapshot(first.appointmentId));
  }

  /**
   * After a change made on this instance (its bus event skips this instance): the visit as
   * `read` returns it goes to this instance's sockets of it, and is returned to the caller.
   */
  async refreshFrom(encounterId: string, read: () => Promise<VisitSnapshot | null>): Promise<VisitSnapshot | null> {
    this.roster.forget(encounterId);
    return this.sendFresh(encounterId, this.inVisit(encounterId), read);
  }

  private async sendFresh(
    encounterId: string,
    conns: Connection[],
    read: () => Promise<VisitSnapshot | null>,
  ): Promise<VisitSnapshot | null> {
    const asked = conns.map((c) => ++c.renderSeq);
    const mark = this.roster.mark();
    const snapshot = await read();
    if (!snapshot) return null;
    conns.forEach((conn, i) => {
      // A newer refresh of this connection is under way: it sends the fresher view.
      if (asked[i] !== conn.renderSeq) return;
      const view = this.visits.reader.viewOf(snapshot, conn.viewer);
      conn.admitted = view.participants.some((p) => p.id === conn.participantId && p.admitted);
      // The view holds the visit's roster as just read: relays need not read it again.
      this.roster.fill(
        encounterId,
        mark,
        view.participants.filter((p) => p.admitted).map((p) => p.id),
      );
      this.send(conn, { type: 'visit', visit: view });
      if (view.status === 'finished' || view.status === 'cancelled') {
        this.send(conn, { type: 'bye', reason: view.status === 'finished' ? 'visit_ended' : 'cancelled' });
        conn.socket.close(4000, 'visit over');
      }
    });
    return snapshot;
  }

  private refuse(conn: Connection, code: string, message: string): void {
    conn.refusals += 1;
    this.send(conn, { type: 'error', code, message });
    if (conn.refusals > MAX_REFUSALS) conn.socket.close(1008, 'too many bad messages');
  }

  private takeToken(conn: Connection): boolean {
    const now = Date.now();
    conn.tokens = Math.min(BURST, conn.tokens + ((now - conn.lastRefill) / 1000) * RATE_PER_SECOND);
    conn.lastRefill = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  /** One message from a participant. Problems are answered to that sender only. */
  async onMessage(conn: Connection, raw: Buffer, isBinary: boolean): Promise<void> {
    if (!this.takeToken(conn)) return this.refuse(conn, 'rate_limited', 'Too many messages; slow down.');
    if (isBinary || raw.length > MAX_MESSAGE_BYTES) {
      return this.refuse(conn, 'bad_message', 'Messages must be JSON text under 64 KB.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.refuse(conn, 'bad_message', 'That message was not valid JSON.');
    }
    if (!checkMessage.Check(parsed))
      return this.refuse(conn, 'bad_message', 'That message is not one the visit understands.');
    const message = parsed;
    switch (message.type) {
      case 'ping':
        this.send(conn, { type: 'pong' });
        return;
      case 'signal': {
        if (!conn.admitted) return this.refuse(conn, 'not_admitted', 'Wait until the clinician lets you in.');
        // From memory; read again from the database only when the target is not known admitted.
        if (message.to === conn.participantId || !(await this.roster.isAdmitted(conn.encounterId, message.to))) {
          return this.refuse(conn, 'unknown_participant', 'That person is not in this visit.');
        }
        await this.bus.publish({
          kind: 'signal',
          encounterId: conn.encounterId,
          from: conn.participantId,
          to: message.to,
          data: message.data,
        });
        return;
      }
      case 'media':
        if (!conn.admitted) return;
        await this.bus.publish({
          kind: 'media',
          encounterId: conn.encounterId,
          from: conn.participantId,
          state: {
            audio: message.audio,
            video: message.video,
            ...(message.quality ? { quality: message.quality } : {}),
          },
        });
        return;
      case 'connected':
        if (conn.admitted && message.video) await this.visits.markVideoConnected(conn.encounterId);
        return;
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const conn of this.conns.values()) conn.socket.close(SERVER_RESTARTING, 'server restarting');
    this.conns.clear();
    this.byVisit.clear();
    await this.presence.leaveAllOf(this.instanceId).catch(() => undefined);
  }
}
