import { Redis } from 'ioredis';
import { BUS_CHANNEL, parseBusEvent, type BusEvent, type VisitBus } from './bus.js';
import type { BusLogger } from './bus-postgres.js';

/** Fans visit events out through Redis pub/sub when REDIS_URL is set. */
export class RedisBus implements VisitBus {
  readonly name = 'redis' as const;
  private handlers: ((event: BusEvent) => void)[] = [];
  private closed = false;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, log: BusLogger) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    const onError = (err: Error) => log.warn({ err: err.message }, 'visit bus (Redis) error');
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== BUS_CHANNEL) return;
      const event = parseBusEvent(message);
      if (event) this.handlers.forEach((h) => h(event));
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(BUS_CHANNEL);
  }

  async publish(event: BusEvent): Promise<void> {
    // After shutdown began there is nobody left to tell; late leaves are dropped, not thrown.
    if (this.closed) return;
    await this.publisher.publish(BUS_CHANNEL, JSON.stringify(event));
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers = [];
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
