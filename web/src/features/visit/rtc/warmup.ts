import type { IceServers } from '@portico/contracts';

/** TURN credentials this close to expiring are fetched again before use. */
const REFRESH_BEFORE_MS = 60_000;

export interface IceConfig {
  config: RTCConfiguration;
  /** When the TURN credentials in `config` expire (ms since the epoch), or null when there are none. */
  expiresAt: number | null;
}

/**
 * The visit's ICE servers, fetched once while the person waits and reused until their TURN
 * credentials are about to expire, so being let in does not wait for a request. The same
 * `config` object comes back while it is valid (WarmConnection relies on that).
 */
export class IceConfigSource {
  private current: Promise<IceConfig> | null = null;
  private expiresAt: number | null = null;

  constructor(
    private readonly fetchIceServers: () => Promise<IceServers>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the fetch now (nothing happens when a usable one is already there or under way). */
  prefetch(): void {
    void this.get();
  }

  get(): Promise<IceConfig> {
    const stale = this.expiresAt !== null && this.expiresAt - this.now() < REFRESH_BEFORE_MS;
    if (!this.current || stale) {
      this.expiresAt = null;
      this.current = this.load();
    }
    return this.current;
  }

  private async load(): Promise<IceConfig> {
    try {
      const { iceServers, iceTransportPolicy, expiresAt } = await this.fetchIceServers();
      const config: RTCConfiguration = {
        iceServers: iceServers.map((s) => ({ ...s })),
        ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      };
      this.expiresAt = expiresAt === null ? null : Date.parse(expiresAt);
      return { config, expiresAt: this.expiresAt };
    } catch {
      // Without the server's list, direct connections (same network) still work; ask again next time.
      this.current = null;
      return { config: { iceServers: [] }, expiresAt: null };
    }
  }
}

/**
 * One RTCPeerConnection built ahead, while the person waits to be let in: with a candidate pool,
 * the browser gathers its network candidates (and a TURN allocation) before there is anyone to
 * offer to, so the first connection after admission starts with them in hand.
 */
export class WarmConnection {
  private pc: RTCPeerConnection | null = null;
  private builtWith: RTCConfiguration | null = null;
  private closed = false;

  constructor(
    private readonly create: (config: RTCConfiguration) => RTCPeerConnection = (config) =>
      new RTCPeerConnection(config),
  ) {}

  /** Builds the warm connection for this configuration (once; a newer configuration replaces it). */
  prepare(config: RTCConfiguration): void {
    if (this.closed || this.builtWith === config) return;
    this.discard();
    this.pc = this.create({ ...config, iceCandidatePoolSize: 1 });
    this.builtWith = config;
  }

  /** The warm connection if it was built for this very configuration; it is then the caller's. */
  take(config: RTCConfiguration): RTCPeerConnection | null {
    const pc = this.pc;
    const fits = pc !== null && this.builtWith === config && pc.signalingState === 'stable';
    if (!fits) {
      this.discard();
      return null;
    }
    this.pc = null;
    this.builtWith = null;
    return pc;
  }

  close(): void {
    this.closed = true;
    this.discard();
  }

  private discard(): void {
    this.pc?.close();
    this.pc = null;
    this.builtWith = null;
  }
}
