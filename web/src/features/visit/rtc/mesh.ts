import type { MediaState, SignalData } from '@portico/contracts';
import { Emitter } from './emitter';
import { PeerLink } from './peer';
import { AudioOnlyGovernor, qualityBetween, readSample, type Quality, type StatsSample } from './quality';

/** A departed participant's connection is kept this long, in case they come back (a network blip). */
export const DEPARTURE_GRACE_MS = 30_000;

export interface MeshPeer {
  id: string;
  link: PeerLink;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
  quality: Quality | null;
  remoteMedia: MediaState | null;
  /** We stopped sending our video to this person because the connection is weak. */
  audioOnly: boolean;
  departedAt: number | null;
  governor: AudioOnlyGovernor;
  lastSample: StatsSample | null;
  videoDecoded: boolean;
}

interface MeshEvents {
  change: [];
  /** Remote video frames from this participant are being decoded (first time). */
  videoFlowing: [string];
  error: [unknown];
}

export interface MeshOptions {
  /** Our own participant id (decides who is polite). */
  selfId: string;
  config: RTCConfiguration;
  local: MediaStream;
  send: (to: string, data: SignalData) => void;
  /** A connection built ahead for this configuration, if there is one (see WarmConnection). */
  takeWarm?: (config: RTCConfiguration) => RTCPeerConnection | null;
}

/** Up to three connections (a visit has at most four people): one PeerLink each, with stats. */
export class Mesh extends Emitter<MeshEvents> {
  readonly peers = new Map<string, MeshPeer>();
  private config: RTCConfiguration;

  constructor(private readonly options: MeshOptions) {
    super();
    this.config = options.config;
  }

  /** Opens a connection to someone admitted (or returning), if there is none yet. */
  ensure(id: string): MeshPeer {
    const existing = this.peers.get(id);
    if (existing) {
      if (existing.departedAt !== null) {
        existing.departedAt = null;
        this.emit('change');
      }
      return existing;
    }
    const link = new PeerLink(
      id,
      this.options.selfId > id,
      this.options.takeWarm?.(this.config) ?? new RTCPeerConnection(this.config),
      (data) => this.options.send(id, data),
      this.options.local,
      (error) => this.emit('error', error),
    );
    const peer: MeshPeer = {
      id,
      link,
      stream: null,
      state: link.state,
      quality: null,
      remoteMedia: null,
      audioOnly: false,
      departedAt: null,
      governor: new AudioOnlyGovernor(),
      lastSample: null,
      videoDecoded: false,
    };
    link.on('stream', (stream) => {
      peer.stream = stream;
      this.emit('change');
    });
    link.on('state', (state) => {
      peer.state = state;
      this.emit('change');
    });
    this.peers.set(id, peer);
    this.emit('change');
    return peer;
  }

  /** Marks someone as gone; the connection closes after the grace period unless they return. */
  depart(id: string, now = Date.now()): void {
    const peer = this.peers.get(id);
    if (!peer || peer.departedAt !== null) return;
    peer.departedAt = now;
    this.emit('change');
  }

  close(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    peer.link.close();
    this.peers.delete(id);
    this.emit('change');
  }

  /** Closes connections whose person has been gone longer than the grace period. */
  sweep(now = Date.now()): string[] {
    const gone = [...this.peers.values()].filter(
      (p) => p.departedAt !== null && now - p.departedAt > DEPARTURE_GRACE_MS,
    );
    for (const peer of gone) this.close(peer.id);
    return gone.map((p) => p.id);
  }

  handleSignal(from: string, data: SignalData): void {
    void this.ensure(from).link.handle(data);
  }

  setRemoteMedia(from: string, state: MediaState): void {
    const peer = this.peers.get(from);
    if (!peer) return;
    peer.remoteMedia = state;
    this.emit('change');
  }

  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    await Promise.all(
      [...this.peers.values()].map((p) =>
        p.link.replaceTrack(kind, track, this.options.local).catch((e: unknown) => this.emit('error', e)),
      ),
    );
  }

  /** After our network came back: new candidates for every connection that is not up. */
  restartBroken(config?: RTCConfiguration): void {
    if (config) this.config = config;
    for (const peer of this.peers.values()) {
      if (peer.state !== 'connected' && peer.state !== 'new') peer.link.restartIce(config);
    }
  }

  /**
   * Between the regular samples: whether video has started to arrive on a connection that has
   * none yet, so the visit counts as held by video as soon as it is (reads no quality figures).
   */
  async checkFirstVideo(): Promise<void> {
    const waiting = [...this.peers.values()].filter((p) => p.state === 'connected' && !p.videoDecoded);
    await Promise.all(
      waiting.map(async (peer) => {
        const report = await peer.link.getStats().catch(() => null);
        if (!report || peer.videoDecoded || readSample(report).videoFramesDecoded === 0) return;
        peer.videoDecoded = true;
        this.emit('videoFlowing', peer.id);
      }),
    );
  }

  /** Reads stats from each connection: quality, audio-only decisions, first decoded video. */
  async sample(): Promise<void> {
    let changed = false;
    await Promise.all(
      [...this.peers.values()].map(async (peer) => {
        const report = await peer.link.getStats().catch(() => null);
        if (!report) return;
        const sample = readSample(report);
        const reading = qualityBetween(peer.lastSample, sample);
        const previousQuality = peer.quality;
        peer.lastSample = sample;
        peer.quality = peer.state === 'connected' ? reading.quality : null;
        if (peer.quality !== previousQuality) changed = true;
        if (peer.state === 'connected' && peer.governor.update(reading, sample.outgoingBitrate)) {
          peer.audioOnly = peer.governor.audioOnly;
          await peer.link.setVideoPaused(peer.audioOnly);
          changed = true;
        }
        if (!peer.videoDecoded && sample.videoFramesDecoded > 0) {
          peer.videoDecoded = true;
          this.emit('videoFlowing', peer.id);
        }
      }),
    );
    if (changed) this.emit('change');
  }

  /** The worst quality across connections, for the media message the others see. */
  worstQuality(): Quality | undefined {
    const order: Quality[] = ['poor', 'fair', 'good'];
    const seen = [...this.peers.values()].map((p) => p.quality).filter((q): q is Quality => q !== null);
    return order.find((q) => seen.includes(q));
  }

  /** True when any connection has paused our video. */
  anyAudioOnly(): boolean {
    return [...this.peers.values()].some((p) => p.audioOnly);
  }

  closeAll(): void {
    for (const peer of this.peers.values()) peer.link.close();
    this.peers.clear();
    this.removeAllListeners();
  }
}
