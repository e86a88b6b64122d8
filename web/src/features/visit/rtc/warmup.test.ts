import type { IceServers } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { IceConfigSource, WarmConnection } from './warmup';

const TURN: IceServers = {
  iceServers: [{ urls: ['turn:turn.example.org:3478'], username: '1700000000:u', credential: 'c' }],
  expiresAt: '2026-12-07T13:00:00.000Z',
};
const EXPIRY = Date.parse(TURN.expiresAt ?? '');

/** Counts the requests for ICE servers and answers each with `answer()`. */
function source(answer: () => Promise<IceServers>, now: () => number) {
  let fetches = 0;
  const ice = new IceConfigSource(() => {
    fetches += 1;
    return answer();
  }, now);
  return { ice, fetches: () => fetches };
}

describe('IceConfigSource', () => {
  it('fetches once while the person waits and hands the same configuration to every later use', async () => {
    const { ice, fetches } = source(
      async () => TURN,
      () => EXPIRY - 30 * 60_000,
    );
    ice.prefetch();
    const first = await ice.get();
    const second = await ice.get();
    expect(fetches()).toBe(1);
    expect(second.config).toBe(first.config);
    expect(first.config.iceServers).toEqual(TURN.iceServers);
    expect(first.expiresAt).toBe(EXPIRY);
  });

  it('fetches again when the TURN credentials are within a minute of expiring', async () => {
    let now = EXPIRY - 30 * 60_000;
    const { ice, fetches } = source(
      async () => TURN,
      () => now,
    );
    const first = await ice.get();
    now = EXPIRY - 30_000;
    const second = await ice.get();
    expect(fetches()).toBe(2);
    expect(second.config).not.toBe(first.config);
  });

  it('keeps a relay-only policy from the server', async () => {
    const { ice } = source(
      async () => ({ ...TURN, iceTransportPolicy: 'relay' }),
      () => 0,
    );
    expect((await ice.get()).config.iceTransportPolicy).toBe('relay');
  });

  it('falls back to direct connections when the request fails, and asks again next time', async () => {
    let fail = true;
    const { ice, fetches } = source(
      async () => {
        if (fail) throw new Error('offline');
        return TURN;
      },
      () => 0,
    );
    expect((await ice.get()).config).toEqual({ iceServers: [] });
    fail = false;
    expect((await ice.get()).config.iceServers).toEqual(TURN.iceServers);
    expect(fetches()).toBe(2);
  });
});

/** Stands in for RTCPeerConnection: records the configuration it was built with and whether it was closed. */
class FakeConnection {
  signalingState: RTCSignalingState = 'stable';
  constructor(readonly config: RTCConfiguration) {}
  close(): void {
    this.signalingState = 'closed';
  }
}

function warm() {
  const built: FakeConnection[] = [];
  const connection = new WarmConnection((config) => {
    const pc = new FakeConnection(config);
    built.push(pc);
    return pc as unknown as RTCPeerConnection;
  });
  return { connection, built };
}

describe('WarmConnection', () => {
  const config: RTCConfiguration = { iceServers: [] };

  it('builds one connection gathering candidates ahead, and hands it over once', () => {
    const { connection, built } = warm();
    connection.prepare(config);
    connection.prepare(config);
    expect(built).toHaveLength(1);
    expect(built[0]?.config).toEqual({ iceServers: [], iceCandidatePoolSize: 1 });
    expect(connection.take(config)).toBe(built[0]);
    expect(connection.take(config)).toBeNull();
    expect(built[0]?.signalingState).toBe('stable');
  });

  it('closes and refuses a connection built for other ICE servers (credentials renewed since)', () => {
    const { connection, built } = warm();
    connection.prepare(config);
    expect(connection.take({ iceServers: [] })).toBeNull();
    expect(built[0]?.signalingState).toBe('closed');
  });

  it('replaces the warm connection when the configuration changes before anyone is let in', () => {
    const { connection, built } = warm();
    const renewed: RTCConfiguration = { iceServers: [] };
    connection.prepare(config);
    connection.prepare(renewed);
    expect(built.map((pc) => pc.signalingState)).toEqual(['closed', 'stable']);
    expect(connection.take(renewed)).toBe(built[1]);
  });

  it('closes the warm connection when the call stops, and builds none after', () => {
    const { connection, built } = warm();
    connection.prepare(config);
    connection.close();
    connection.prepare(config);
    expect(built).toHaveLength(1);
    expect(built[0]?.signalingState).toBe('closed');
    expect(connection.take(config)).toBeNull();
  });
});
