import { SERVER_RESTARTING_CLOSE_CODE } from '@portico/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VisitSocket } from './signaling';

/** Stands in for the browser's WebSocket: records what was opened, lets the test close it. */
class FakeSocket {
  static readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {}
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  welcome(participantId: string): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
    this.onmessage?.({ data: JSON.stringify({ type: 'welcome', participantId, role: 'patient', admitted: false }) });
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

describe('VisitSocket when the server restarts', () => {
  let opened: FakeSocket[];
  let socket: VisitSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('WebSocket', FakeSocket);
    opened = [];
    socket = new VisitSocket({
      appointmentId: 'a1',
      origin: { protocol: 'https:', host: 'portal.example.org' },
      createSocket: (url) => {
        const s = new FakeSocket(url);
        opened.push(s);
        return s as unknown as WebSocket;
      },
    });
  });
  afterEach(() => {
    socket.stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('reconnects within a quarter second, resuming the same participant, instead of backing off', () => {
    const statuses: string[] = [];
    socket.on('status', (s) => statuses.push(s));
    socket.start();
    opened[0]?.welcome('p-1');
    opened[0]?.serverClose(SERVER_RESTARTING_CLOSE_CODE);
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(opened).toHaveLength(2);
    expect(opened[1]?.url).toBe('wss://portal.example.org/api/visits/a1/socket?resume=p-1');
  });

  it('keeps the usual backoff for a connection that simply drops', () => {
    socket.start();
    opened[0]?.welcome('p-1');
    opened[0]?.serverClose(1006);
    vi.advanceTimersByTime(250);
    expect(opened).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(opened).toHaveLength(2);
  });
});
