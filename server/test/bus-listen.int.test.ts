import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import type { BusEvent } from '../src/modules/visits/bus.js';
import { PostgresBus } from '../src/modules/visits/bus-postgres.js';
import { PresenceRepository } from '../src/modules/visits/presence-repository.js';
import { TEST_DATABASE_URL } from './context.js';

/** An ErrorResponse (SQLSTATE 25006, as a standby answers LISTEN) followed by ReadyForQuery. */
function listenRefusal(): Buffer {
  const fields = Buffer.from('SERROR\0VERROR\0C25006\0Mcannot execute LISTEN during recovery\0\0');
  const length = Buffer.alloc(4);
  length.writeInt32BE(fields.length + 4);
  return Buffer.concat([Buffer.from('E'), length, fields, Buffer.from([0x5a, 0, 0, 0, 5, 0x49])]);
}

/**
 * A TCP proxy to PostgreSQL that answers the first `refusals` LISTEN statements with an error
 * itself, leaving the connection open: a connection that is made but cannot listen.
 */
class ListenRefusingProxy {
  open = 0;
  refused = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    private refusals: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  private relay(client: Socket): void {
    this.open++;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    upstream.on('data', (chunk) => client.write(chunk));
    let pending = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      // Whole messages only: the startup message has no type byte, every later one has one.
      for (;;) {
        const head = started ? 1 : 0;
        if (pending.length < head + 4) return;
        const size = head + pending.readInt32BE(head);
        if (pending.length < size) return;
        const message = pending.subarray(0, size);
        pending = pending.subarray(size);
        const query = started && message[0] === 0x51 ? message.subarray(5).toString('utf8') : '';
        started = true;
        if (query.startsWith('LISTEN') && this.refusals > 0) {
          this.refusals--;
          this.refused++;
          client.write(listenRefusal());
        } else upstream.write(message);
      }
    });
    const end = (): void => {
      if (!this.sockets.has(client)) return;
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      this.open--;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The visit bus's LISTEN connection on PostgreSQL (PORTICO_TEST_DATABASE_URL only). */
describe.runIf(TEST_DATABASE_URL !== null)('the PostgreSQL visit bus', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 2 });
  });
  afterAll(() => database?.close());

  it('ends a connection whose LISTEN failed, tries again, and then hears what is published', async () => {
    const target = new URL(TEST_DATABASE_URL ?? '');
    const proxy = new ListenRefusingProxy({ host: target.hostname, port: Number(target.port || '5432') }, 2);
    const viaProxy = new URL(target);
    viaProxy.port = String(await proxy.listen());
    const bus = new PostgresBus(viaProxy.toString(), new PresenceRepository(database.db), { warn: () => undefined });
    const encounterId = randomUUID();
    const heard: BusEvent[] = [];
    bus.subscribe((event) => {
      if ('encounterId' in event && event.encounterId === encounterId) heard.push(event);
    });
    await bus.start();
    try {
      await expect
        .poll(
          async () => {
            await bus.publish({ kind: 'visit', encounterId });
            return heard.length;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBeGreaterThan(0);
      expect(proxy.refused).toBe(2);
      // Only the listening connection is left: the two refused ones were ended, not leaked.
      expect(proxy.open).toBe(1);
    } finally {
      await bus.close();
      await proxy.close();
    }
  });
});
