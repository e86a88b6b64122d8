import type { SignalData } from '@portico/contracts';
import { Emitter } from './emitter';

interface PeerEvents {
  stream: [MediaStream];
  state: [RTCPeerConnectionState];
}

/** How long a connection may stay 'disconnected' before we restart ICE ourselves. */
const DISCONNECTED_GRACE_MS = 2_500;
/** An offer with no answer after this long is sent again (a signal can be lost while someone is let in). */
const RESEND_OFFER_MS = 2_500;
const MAX_OFFER_RESENDS = 4;
/** The polite side offers by itself only if no offer came for this long. */
const POLITE_WAIT_MS = 6_000;

/**
 * One RTCPeerConnection to one other participant, negotiated with the "perfect negotiation"
 * pattern: either side may offer at any time; on a collision the polite side (decided by
 * comparing participant ids) gives way. The first offer comes from the impolite side only: two
 * first offers crossing made Chromium stop gathering candidates on the side that rolled back.
 * ICE is restarted when the connection drops.
 */
export class PeerLink extends Emitter<PeerEvents> {
  remoteStream: MediaStream | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private readonly senders = new Map<'audio' | 'video', RTCRtpSender>();
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Set when our sending of video is paused for a weak connection. */
  videoPaused = false;
  /** The polite side held back its first offer; it offers afterwards if the answer left something out. */
  private heldOffer = false;
  private firstOfferTimer: ReturnType<typeof setTimeout> | null = null;
  private resendTimer: ReturnType<typeof setTimeout> | null = null;

  /** `pc` is new (or warm: built ahead with no tracks and no description yet). */
  constructor(
    readonly remoteId: string,
    private readonly polite: boolean,
    readonly pc: RTCPeerConnection,
    private readonly sendSignal: (data: SignalData) => void,
    local: MediaStream,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    super();
    for (const track of local.getTracks()) this.addTrack(track, local);
    // Without a camera or microphone we still receive: the connection always carries both kinds.
    for (const kind of ['audio', 'video'] as const) {
      if (!this.senders.has(kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    this.pc.onnegotiationneeded = () => {
      if (this.polite && !this.pc.remoteDescription && this.firstOfferTimer) this.heldOffer = true;
      else void this.offer();
    };
    if (polite) {
      this.firstOfferTimer = setTimeout(() => {
        this.firstOfferTimer = null;
        if (!this.pc.remoteDescription && this.heldOffer) void this.offer();
      }, POLITE_WAIT_MS);
    }
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate) return;
      this.sendSignal({
        kind: 'candidate',
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      });
    };
    this.pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? this.remoteStream ?? new MediaStream();
      if (!stream.getTracks().includes(track)) stream.addTrack(track);
      this.remoteStream = stream;
      this.emit('stream', stream);
    };
    this.pc.onconnectionstatechange = () => this.onState();
  }

  get state(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  private addTrack(track: MediaStreamTrack, stream: MediaStream): void {
    const kind = track.kind === 'audio' ? 'audio' : 'video';
    this.senders.set(kind, this.pc.addTrack(track, stream));
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    this.heldOffer = false;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendDescription();
      this.resendUnanswered(MAX_OFFER_RESENDS);
    } catch (error) {
      this.onError(error);
    } finally {
      this.makingOffer = false;
    }
  }

  /** Sends our offer again while it stays unanswered (it carries the candidates gathered so far). */
  private resendUnanswered(left: number): void {
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      if (this.closed || this.pc.signalingState !== 'have-local-offer' || left <= 0) return;
      this.sendDescription();
      this.resendUnanswered(left - 1);
    }, RESEND_OFFER_MS);
  }

  /** After answering: offer ourselves when our own tracks were not part of that negotiation. */
  private offerIfStillNeeded(): void {
    if (!this.heldOffer) return;
    this.heldOffer = false;
    const unsent = this.pc
      .getTransceivers()
      .some((t) => t.mid === null || (t.sender.track !== null && !t.currentDirection?.startsWith('send')));
    if (unsent) void this.offer();
  }

  private sendDescription(): void {
    const description = this.pc.localDescription;
    if (!description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.sendSignal({ kind: 'description', type: description.type, sdp: description.sdp });
  }

  /** A signaling message from the other side. */
  async handle(data: SignalData): Promise<void> {
    if (this.closed) return;
    try {
      if (data.kind === 'description') {
        const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = data.type === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        this.settingRemoteAnswer = data.type === 'answer';
        await this.pc.setRemoteDescription({ type: data.type, sdp: data.sdp });
        this.settingRemoteAnswer = false;
        if (data.type === 'offer') {
          await this.pc.setLocalDescription();
          this.sendDescription();
          this.offerIfStillNeeded();
        }
        return;
      }
      try {
        await this.pc.addIceCandidate({
          candidate: data.candidate,
          sdpMid: data.sdpMid ?? null,
          sdpMLineIndex: data.sdpMLineIndex ?? null,
        });
      } catch (error) {
        // Candidates for an offer we ignored are expected to fail.
        if (!this.ignoreOffer) throw error;
      }
    } catch (error) {
      this.settingRemoteAnswer = false;
      this.onError(error);
    }
  }

  /** A new microphone or camera (or none): swapped in place, so no renegotiation is needed. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null, stream: MediaStream): Promise<void> {
    const sender = this.senders.get(kind);
    if (sender) {
      await sender.replaceTrack(track);
      if (kind === 'video' && track) await this.applyVideoPause();
    } else if (track) {
      this.addTrack(track, stream);
    }
  }

  /** Stops or resumes sending our video to this person (audio carries on either way). */
  async setVideoPaused(paused: boolean): Promise<void> {
    this.videoPaused = paused;
    await this.applyVideoPause();
  }

  private async applyVideoPause(): Promise<void> {
    const sender = this.senders.get('video');
    if (!sender) return;
    const params = sender.getParameters();
    if (params.encodings.length === 0) return;
    for (const encoding of params.encodings) encoding.active = !this.videoPaused;
    await sender.setParameters(params).catch((error: unknown) => this.onError(error));
  }

  /** Forces new ICE candidates (after a network change); the offer goes out through onnegotiationneeded. */
  restartIce(config?: RTCConfiguration): void {
    if (this.closed) return;
    // A connection's candidate pool size cannot change once it has negotiated: keep its own.
    if (config)
      this.pc.setConfiguration({ ...config, iceCandidatePoolSize: this.pc.getConfiguration().iceCandidatePoolSize });
    this.pc.restartIce();
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  close(): void {
    this.closed = true;
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    if (this.firstOfferTimer) clearTimeout(this.firstOfferTimer);
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.removeAllListeners();
  }

  private onState(): void {
    const state = this.pc.connectionState;
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.disconnectTimer = null;
    if (state === 'failed') this.restartIce();
    if (state === 'disconnected') {
      this.disconnectTimer = setTimeout(() => {
        if (this.pc.connectionState === 'disconnected') this.restartIce();
      }, DISCONNECTED_GRACE_MS);
    }
    this.emit('state', state);
  }
}
