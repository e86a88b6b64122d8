import { CONNECTIVITY_MAX_BYTES, type ConnectivityIceServers } from '@portico/contracts';
import {
  connectionVerdict,
  mbps,
  median,
  type ConnectionFigures,
  type ConnectionVerdict,
  type RelayResult,
} from '../lib/connection';
import { probeRelay } from './relayProbe';
import { Store } from './store';

export type ConnectionStep = 'latency' | 'download' | 'upload' | 'relay';
export const CONNECTION_STEPS: readonly ConnectionStep[] = ['latency', 'download', 'upload', 'relay'];

/** Why a run could not finish. */
export type ConnectionFailure = 'offline' | 'rateLimited' | 'server';

export interface ConnectionSnapshot {
  status: 'idle' | 'running' | 'done' | 'failed';
  step: ConnectionStep | null;
  /** Steps finished so far (for the progress bar). */
  completed: number;
  figures: Partial<ConnectionFigures>;
  verdict: ConnectionVerdict | null;
  failure: ConnectionFailure | null;
}

export interface ConnectionTesterDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Null where the browser has no RTCPeerConnection: the relay is then not tested. */
  createPeerConnection: ((config: RTCConfiguration) => RTCPeerConnection) | null;
  randomFill: (bytes: Uint8Array<ArrayBuffer>) => void;
  relayTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const BASE = '/api/connectivity';
const PINGS = 5;
const FIRST_BYTES = 256 * 1024;
/** A first transfer quicker than this is too short to measure well; the full size follows. */
const REPEAT_UNDER_MS = 1000;

class StopRun extends Error {
  constructor(readonly failure: ConnectionFailure | null) {
    super(failure ?? 'stopped');
  }
}

function idle(): ConnectionSnapshot {
  return { status: 'idle', step: null, completed: 0, figures: {}, verdict: null, failure: null };
}

/**
 * Measures the way to the server as a visit would feel it: round trip (median of several pings),
 * download and upload speed (random bytes, so nothing on the way can compress them), and
 * whether the TURN relay can be reached. Requests carry no cookies: the test is the same for
 * everyone and never touches a session.
 */
export class ConnectionTester extends Store<ConnectionSnapshot> {
  private controller: AbortController | null = null;
  private payload: Uint8Array<ArrayBuffer> | null = null;

  constructor(private readonly deps: ConnectionTesterDeps) {
    super(idle());
  }

  async run(): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.controller = controller;
    this.update({ ...idle(), status: 'running' });
    try {
      const rttMs = await this.step('latency', () => this.latency(controller.signal));
      this.figure({ rttMs });
      const downloadMbps = await this.step('download', () => this.download(controller.signal));
      this.figure({ downloadMbps });
      const uploadMbps = await this.step('upload', () => this.upload(controller.signal));
      this.figure({ uploadMbps });
      const relay = await this.step('relay', () => this.relay(controller.signal));
      const figures = { rttMs, downloadMbps, uploadMbps, relay };
      this.update({ status: 'done', step: null, figures, verdict: connectionVerdict(figures) });
    } catch (error) {
      if (this.controller !== controller) return;
      const failure = error instanceof StopRun ? error.failure : 'offline';
      this.update({ status: 'failed', step: null, failure: failure ?? 'offline' });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Abandons a run in progress (e.g. the page is closed). */
  stop(): void {
    const running = this.controller;
    this.controller = null;
    running?.abort();
    if (running) this.update(idle());
  }

  private async step<T>(step: ConnectionStep, work: () => Promise<T>): Promise<T> {
    this.update({ step });
    const result = await work();
    this.update({ completed: this.getSnapshot().completed + 1 });
    return result;
  }

  private figure(patch: Partial<ConnectionFigures>): void {
    this.update({ figures: { ...this.getSnapshot().figures, ...patch } });
  }

  private async request(path: string, signal: AbortSignal, init: RequestInit = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(this.deps.requestTimeoutMs ?? 20_000);
    let response: Response;
    try {
      response = await this.deps.fetch(`${BASE}${path}`, {
        ...init,
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (signal.aborted) throw new StopRun(null);
      // A transfer that takes longer than the timeout is a very slow line, not a dead one.
      if (timeout.aborted) throw new SlowTransfer();
      throw error;
    }
    if (response.status === 429) throw new StopRun('rateLimited');
    if (!response.ok) throw new StopRun('server');
    return response;
  }

  private async latency(signal: AbortSignal): Promise<number> {
    const times: number[] = [];
    // The first request also opens the connection; it is not counted.
    for (let i = 0; i <= PINGS; i++) {
      const started = this.deps.now();
      const response = await this.request('/ping', signal);
      await response.arrayBuffer();
      if (i > 0) times.push(this.deps.now() - started);
    }
    return median(times);
  }

  private async timed(size: number, send: (bytes: number) => Promise<number>): Promise<number> {
    const first = await this.measure(FIRST_BYTES, send);
    if (first.ms >= REPEAT_UNDER_MS) return mbps(first.bytes, first.ms);
    const full = await this.measure(size, send);
    return mbps(full.bytes, full.ms);
  }

  private async measure(
    bytes: number,
    send: (bytes: number) => Promise<number>,
  ): Promise<{ bytes: number; ms: number }> {
    const started = this.deps.now();
    try {
      const moved = await send(bytes);
      return { bytes: moved, ms: this.deps.now() - started };
    } catch (error) {
      if (error instanceof SlowTransfer) return { bytes: 0, ms: this.deps.now() - started };
      throw error;
    }
  }

  private download(signal: AbortSignal): Promise<number> {
    return this.timed(CONNECTIVITY_MAX_BYTES, async (bytes) => {
      const response = await this.request(`/download?bytes=${bytes}`, signal);
      return (await response.arrayBuffer()).byteLength;
    });
  }

  private upload(signal: AbortSignal): Promise<number> {
    return this.timed(CONNECTIVITY_MAX_BYTES, async (bytes) => {
      const body = this.randomPayload().subarray(0, bytes);
      const response = await this.request('/upload', signal, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      });
      await response.arrayBuffer();
      return bytes;
    });
  }

  private randomPayload(): Uint8Array<ArrayBuffer> {
    if (this.payload) return this.payload;
    const payload = new Uint8Array(CONNECTIVITY_MAX_BYTES);
    // getRandomValues fills at most 64 KiB per call.
    for (let at = 0; at < payload.length; at += 65_536) this.deps.randomFill(payload.subarray(at, at + 65_536));
    this.payload = payload;
    return payload;
  }

  private async relay(signal: AbortSignal): Promise<RelayResult> {
    const response = await this.request('/ice-servers', signal);
    const ice = (await response.json()) as ConnectivityIceServers;
    if (!ice.relayConfigured) return 'notConfigured';
    if (!this.deps.createPeerConnection) return 'notTested';
    return probeRelay(ice.iceServers, this.deps.createPeerConnection, this.deps.relayTimeoutMs ?? 6000, signal);
  }
}

class SlowTransfer extends Error {
  constructor() {
    super('transfer timed out');
  }
}
