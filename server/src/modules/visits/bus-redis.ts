import type { Redis } from 'ioredis';
import { BUS_CHANNEL, parseBusEvent, type BusEvent, type VisitBus } from './bus.js';
import type { BusLogger } from './bus-postgres.js';

interface Clients {
  publisher: Redis;
  subscriber: Redis;
}

/**
 * Fans visit events out through Redis pub/sub when REDIS_URL is set. The client library loads when
 * the bus starts, so an instance without Redis never holds it in memory.
 */
export class RedisBus implements VisitBus {
  readonly name = 'redis' as const;
  private handlers: ((event: BusEvent) => void)[] = [];
  private closed = false;
  #clients: Promise<Clients> | null = null;

  constructor(
    private readonly url: string,
    private readonly log: BusLogger,
  ) {}

  #connected(): Promise<Clients> {
    this.#clients ??= this.#make();
    return this.#clients;
  }

  async #make(): Promise<Clients> {
    const { Redis } = await import('ioredis');
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    const publisher = new Redis(this.url, options);
    const subscriber = new Redis(this.url, options);
    const onError = (err: Error) => this.log.warn({ err: err.message }, 'visit bus (Redis) error');
    publisher.on('error', onError);
    subscriber.on('error', onError);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== BUS_CHANNEL) return;
      const event = parseBusEvent(message);
      if (event) this.handlers.forEach((h) => h(event));
    });
    return { publisher, subscriber };
  }

  async start(): Promise<void> {
    const { publisher, subscriber } = await this.#connected();
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(BUS_CHANNEL);
  }

  async publish(event: BusEvent): Promise<void> {
    // After shutdown began there is nobody left to tell; late leaves are dropped, not thrown.
    if (this.closed) return;
    const { publisher } = await this.#connected();
    await publisher.publish(BUS_CHANNEL, JSON.stringify(event));
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers = [];
    if (!this.#clients) return;
    const { publisher, subscriber } = await this.#clients;
    subscriber.disconnect();
    publisher.disconnect();
  }
}
