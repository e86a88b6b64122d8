import pg from 'pg';
import { BUS_CHANNEL, parseBusEvent, type BusEvent, type VisitBus } from './bus.js';
import type { PresenceRepository } from './presence-repository.js';

/** NOTIFY payloads must stay under 8000 bytes; larger messages go through a table. */
const MAX_INLINE = 7000;

export interface BusLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Fans visit events out through PostgreSQL LISTEN/NOTIFY, so several server instances on one
 * database act as one. Listens on a dedicated connection and reconnects by itself.
 */
export class PostgresBus implements VisitBus {
  readonly name = 'postgres' as const;
  private handlers: ((event: BusEvent) => void)[] = [];
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly repo: PresenceRepository,
    private readonly log: BusLogger,
  ) {}

  async start(): Promise<void> {
    // A database that is down at start-up is not fatal: keep trying in the background.
    await this.connect().catch((err: unknown) => {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'visit bus cannot listen yet; retrying');
      this.scheduleReconnect();
    });
    this.pruneTimer = setInterval(
      () => void this.repo.pruneRelay(new Date(Date.now() - 60_000)).catch(() => undefined),
      30_000,
    );
    this.pruneTimer.unref();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (msg.channel === BUS_CHANNEL && msg.payload) void this.receive(msg.payload);
    });
    client.on('error', (err) => {
      // A client still connecting reports through connect()'s rejection; one ended is no longer ours.
      if (this.client !== client) return;
      this.log.warn({ err: err.message }, 'visit bus connection lost; reconnecting');
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${BUS_CHANNEL}`);
    } catch (err) {
      // Connected but not listening (LISTEN refused, e.g. on a standby): end it, or each retry
      // would leave one more idle connection behind.
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(): void {
    const old = this.client;
    this.client = null;
    void old?.end().catch(() => undefined);
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, 1000);
    this.retryTimer.unref();
  }

  private async receive(payload: string): Promise<void> {
    let text = payload;
    if (payload.startsWith('relay:')) {
      const stored = await this.repo.takeRelay(payload.slice('relay:'.length)).catch(() => undefined);
      if (stored === undefined) return;
      text = stored;
    }
    const event = parseBusEvent(text);
    if (event) this.handlers.forEach((h) => h(event));
  }

  async publish(event: BusEvent): Promise<void> {
    if (this.closed) return;
    const text = JSON.stringify(event);
    const payload = Buffer.byteLength(text) > MAX_INLINE ? `relay:${await this.repo.putRelay(text)}` : text;
    await this.repo.notify(BUS_CHANNEL, payload);
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.handlers = [];
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
