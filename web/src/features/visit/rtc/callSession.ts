import type { IceServers, Participant, ParticipantRole, ServerMessage, VisitView } from '@portico/contracts';
import { Emitter } from './emitter';
import { LocalMedia } from './localMedia';
import { Mesh } from './mesh';
import { readSample } from './quality';
import { selectedRoute, type MediaRoute } from './route';
import { arrivals, meshPlan, type Announcement } from './roster';
import { VisitSocket, type SocketEnd } from './signaling';
import { buildSnapshot, EMPTY_SNAPSHOT, type CallSnapshot } from './snapshot';
import { IceConfigSource, WarmConnection } from './warmup';

export interface CallSessionOptions {
  appointmentId: string;
  /** False for phone visits: the page keeps the socket (live updates) but opens no camera. */
  withMedia: boolean;
  fetchIceServers: () => Promise<IceServers>;
  /** See VisitSocketOptions.probe. */
  probe?: () => Promise<boolean>;
}

const STATS_EVERY_MS = 2_000;
/** How soon the first decoded video frame is noticed (and the visit counted as held by video). */
const FIRST_VIDEO_CHECK_MS = 400;
const MAX_EARLY_SIGNALS = 100;

/**
 * One person's side of a visit: the signaling socket, their camera and microphone, and the
 * connections to everyone else admitted. React reads `snapshot` and calls the methods.
 */
export class CallSession extends Emitter<{ change: [] }> {
  snapshot: CallSnapshot = EMPTY_SNAPSHOT;
  readonly socket: VisitSocket;
  readonly media: LocalMedia | null;
  mesh: Mesh | null = null;
  selfId: string | null = null;
  role: ParticipantRole | null = null;
  admitted = false;
  visit: VisitView | null = null;
  ended: SocketEnd | null = null;
  lastError: string | null = null;
  announcements: Announcement[] = [];
  private participants: Participant[] = [];
  readonly names = new Map<string, { name: string; role: ParticipantRole }>();
  private earlySignals: Extract<ServerMessage, { type: 'signal' }>[] = [];
  private meshStarting: Promise<void> | null = null;
  private mediaReady: Promise<void>;
  private readonly ice: IceConfigSource;
  private readonly warm = new WarmConnection();
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private firstVideoTimer: ReturnType<typeof setInterval> | null = null;
  private seq = 0;
  private wasReconnecting = false;
  private lastMediaSent = '';

  constructor(private readonly options: CallSessionOptions) {
    super();
    this.socket = new VisitSocket({ appointmentId: options.appointmentId, probe: options.probe });
    this.media = options.withMedia ? new LocalMedia() : null;
    this.mediaReady = Promise.resolve();
    this.ice = new IceConfigSource(options.fetchIceServers);
  }

  start(): void {
    this.socket.on('message', (m) => this.onMessage(m));
    this.socket.on('status', (status) => this.onStatus(status));
    this.socket.on('end', (reason) => this.finish(reason));
    if (this.media) {
      this.media.on('change', () => {
        this.sendMedia();
        this.update();
      });
      this.media.on('track', (kind, track) => void this.mesh?.replaceTrack(kind, track));
      this.mediaReady = this.media.start();
      this.warmUp();
    }
    this.socket.start();
    this.statsTimer = setInterval(() => void this.tick(), STATS_EVERY_MS);
    this.firstVideoTimer = setInterval(() => void this.mesh?.checkFirstVideo(), FIRST_VIDEO_CHECK_MS);
    this.update();
  }

  stop(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    if (this.firstVideoTimer) clearInterval(this.firstVideoTimer);
    this.firstVideoTimer = null;
    this.socket.stop();
    this.mesh?.closeAll();
    this.mesh = null;
    this.warm.close();
    this.media?.stop();
    this.removeAllListeners();
  }

  /**
   * While we wait to be let in: the ICE servers fetched and one connection gathering candidates,
   * so admission goes straight to the offer.
   */
  private warmUp(): void {
    this.ice.prefetch();
    void Promise.all([this.iceConfig(), this.mediaReady]).then(([config]) => {
      if (!this.ended && !this.mesh) this.warm.prepare(config);
    });
  }

  /** The peers' last stats, for the end-to-end tests (see testHooks.ts). */
  async debugStats(): Promise<
    {
      id: string;
      state: string;
      framesDecoded: number;
      audioPackets: number;
      audioEnergy: number;
      route: MediaRoute | null;
    }[]
  > {
    const peers = [...(this.mesh?.peers.values() ?? [])];
    return Promise.all(
      peers.map(async (p) => {
        const report = await p.link.getStats();
        const s = readSample(report);
        return {
          id: p.id,
          state: p.state,
          framesDecoded: s.videoFramesDecoded,
          audioPackets: s.audioPacketsReceived,
          audioEnergy: s.audioEnergy,
          route: selectedRoute(report),
        };
      }),
    );
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.selfId = message.participantId;
        this.role = message.role;
        this.admitted = message.admitted;
        this.lastMediaSent = '';
        this.sendMedia();
        this.syncMesh();
        break;
      case 'visit':
        this.onVisit(message.visit);
        break;
      case 'signal':
        if (this.mesh) this.mesh.handleSignal(message.from, message.data);
        else if (this.earlySignals.length < MAX_EARLY_SIGNALS) this.earlySignals.push(message);
        break;
      case 'media':
        this.mesh?.setRemoteMedia(message.from, message.state);
        break;
      case 'error':
        this.lastError = message.code;
        break;
      default:
        return;
    }
    this.update();
  }

  private onVisit(visit: VisitView): void {
    const isHost = visit.you.canAdmit;
    const wasAdmitted = this.admitted;
    for (const a of arrivals(this.participants, visit.participants, this.selfId, isHost)) {
      this.announce(a);
      // Someone new: let them know whether our sound and picture are on.
      if (a.kind === 'joined') this.lastMediaSent = '';
    }
    for (const p of visit.participants) this.names.set(p.id, { name: p.name, role: p.role });
    this.participants = visit.participants;
    this.visit = visit;
    const me = visit.participants.find((p) => p.id === this.selfId);
    if (me) this.admitted = me.admitted;
    if (!wasAdmitted && this.admitted && me) this.announce({ kind: 'admitted', name: me.name, role: me.role });
    this.syncMesh();
  }

  private announce(a: Omit<Announcement, 'seq'>): void {
    this.seq += 1;
    this.announcements = [...this.announcements.slice(-4), { ...a, seq: this.seq }];
  }

  private onStatus(status: string): void {
    if (status === 'reconnecting') this.wasReconnecting = true;
    if (status === 'open' && this.wasReconnecting) {
      this.wasReconnecting = false;
      // Our network may have changed: gather fresh candidates where a connection is not up.
      void this.iceConfig().then((config) => this.mesh?.restartBroken(config));
    }
    this.update();
  }

  private async iceConfig(): Promise<RTCConfiguration> {
    return (await this.ice.get()).config;
  }

  /** Connects to everyone admitted once we are admitted too (and have our camera, or know we can't). */
  private syncMesh(): void {
    if (!this.media || !this.admitted || !this.selfId || this.ended) return;
    if (!this.mesh) {
      this.meshStarting ??= this.startMesh(this.selfId, this.media);
      return;
    }
    const plan = meshPlan(this.participants, this.selfId, this.connectedNames());
    for (const id of plan.replaced) this.mesh.close(id);
    for (const id of plan.gone) this.mesh.depart(id);
    for (const id of plan.connect) this.mesh.ensure(id);
  }

  private connectedNames(): Map<string, { name: string; role: ParticipantRole }> {
    const out = new Map<string, { name: string; role: ParticipantRole }>();
    for (const id of this.mesh?.peers.keys() ?? []) {
      const who = this.names.get(id);
      if (who) out.set(id, who);
    }
    return out;
  }

  private async startMesh(selfId: string, media: LocalMedia): Promise<void> {
    const [config] = await Promise.all([this.iceConfig(), this.mediaReady]);
    if (this.ended || this.mesh) return;
    const mesh = new Mesh({
      selfId,
      config,
      local: media.stream,
      send: (to, data) => this.socket.send({ type: 'signal', to, data }),
      takeWarm: (config) => this.warm.take(config),
    });
    mesh.on('change', () => this.update());
    // Video decoded from someone: the visit counts as held by video (the server records it once).
    mesh.on('videoFlowing', () => this.socket.send({ type: 'connected', video: true }));
    this.mesh = mesh;
    for (const s of this.earlySignals.splice(0)) mesh.handleSignal(s.from, s.data);
    this.syncMesh();
    this.update();
  }

  private async tick(): Promise<void> {
    if (!this.mesh) return;
    const before = this.mesh.anyAudioOnly();
    await this.mesh.sample();
    for (const id of this.mesh?.sweep() ?? []) {
      const who = this.names.get(id);
      if (who) this.announce({ kind: 'left', name: who.name, role: who.role });
      this.update();
    }
    if (this.mesh && before !== this.mesh.anyAudioOnly()) this.update();
    this.sendMedia();
  }

  /** Tells the others whether our sound and picture are on (sent only when it changes). */
  private sendMedia(): void {
    if (!this.media || !this.admitted) return;
    const quality = this.mesh?.worstQuality();
    const state = {
      type: 'media' as const,
      audio: this.media.audioOn && this.media.audioTrack !== null,
      video: this.media.videoOn && this.media.videoTrack !== null && !this.mesh?.anyAudioOnly(),
      ...(quality ? { quality } : {}),
    };
    const text = JSON.stringify(state);
    if (text === this.lastMediaSent || this.socket.currentStatus !== 'open') return;
    this.lastMediaSent = text;
    this.socket.send(state);
  }

  private finish(reason: SocketEnd): void {
    this.ended = reason;
    this.warm.close();
    this.mesh?.closeAll();
    this.mesh = null;
    this.media?.stop();
    this.update();
  }

  private update(): void {
    this.snapshot = buildSnapshot(this);
    this.emit('change');
  }
}
