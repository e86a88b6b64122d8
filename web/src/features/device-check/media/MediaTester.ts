import { HEARD_LEVEL, levelFromSamples } from '../lib/level';
import { classifyMediaError, type MediaProblem } from '../lib/mediaProblems';
import { Store } from './store';

export type DeviceKind = 'camera' | 'microphone';

export interface DeviceOption {
  id: string;
  /** Empty until the person has allowed access (browsers hide names before that). */
  label: string;
}

export interface TrackState {
  status: 'idle' | 'starting' | 'live' | 'failed';
  problem: MediaProblem | null;
  deviceId: string | null;
}

export interface MediaSnapshot {
  camera: TrackState;
  microphone: TrackState;
  /** A stream with only the camera track, for the preview; a new object whenever it changes. */
  cameraStream: MediaStream | null;
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  speakers: DeviceOption[];
  /** The microphone has picked up something louder than room noise at least once. */
  heard: boolean;
}

export interface MediaTesterDeps {
  mediaDevices: MediaDevices | undefined;
  secureContext: boolean;
  /** Null where Web Audio is missing; the level meter then stays still. */
  createAudioContext: () => AudioContext | null;
}

const IDLE: TrackState = { status: 'idle', problem: null, deviceId: null };
const LEVEL_INTERVAL_MS = 80;
// Problems of the permission itself: asking again per device would only prompt again.
const PERMISSION_PROBLEMS = new Set<MediaProblem>(['blocked', 'systemBlocked', 'insecure', 'unsupported']);

function initial(): MediaSnapshot {
  return {
    camera: IDLE,
    microphone: IDLE,
    cameraStream: null,
    cameras: [],
    microphones: [],
    speakers: [],
    heard: false,
  };
}

function constraintsFor(kind: DeviceKind, deviceId: string | null): MediaStreamConstraints {
  if (kind === 'camera') {
    return { video: deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' } };
  }
  return { audio: deviceId ? { deviceId: { exact: deviceId } } : true };
}

interface LevelMeter {
  context: AudioContext;
  source: MediaStreamAudioSourceNode | null;
  analyser: AnalyserNode;
  samples: Float32Array<ArrayBuffer>;
}

/**
 * Gets the camera and microphone, keeps the device lists current, and measures the microphone
 * level. One request for both (one permission prompt); when that fails for a device reason,
 * each is tried alone so a missing camera does not stop the microphone test.
 */
export class MediaTester extends Store<MediaSnapshot> {
  private tracks: Record<DeviceKind, MediaStreamTrack | null> = { camera: null, microphone: null };
  private meter: LevelMeter | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly levelListeners = new Set<(level: number) => void>();
  private generation = 0;

  constructor(private readonly deps: MediaTesterDeps) {
    super(initial());
  }

  /** Asks for both devices. Call from a click: the audio context must start inside a gesture. */
  async start(): Promise<void> {
    this.stop();
    const generation = ++this.generation;
    this.ensureMeter();
    const media = this.deps.mediaDevices;
    if (!this.deps.secureContext || !media?.getUserMedia) {
      const problem: MediaProblem = this.deps.secureContext ? 'unsupported' : 'insecure';
      const failed: TrackState = { status: 'failed', problem, deviceId: null };
      this.update({ camera: failed, microphone: failed });
      return;
    }
    const starting: TrackState = { status: 'starting', problem: null, deviceId: null };
    this.update({ camera: starting, microphone: starting });
    try {
      const stream = await media.getUserMedia({
        ...constraintsFor('camera', null),
        ...constraintsFor('microphone', null),
      });
      if (generation !== this.generation) return stopAll(stream);
      this.attach('camera', stream.getVideoTracks()[0] ?? null);
      this.attach('microphone', stream.getAudioTracks()[0] ?? null);
    } catch (error) {
      if (generation !== this.generation) return;
      const problem = classifyMediaError(error, this.deps.secureContext);
      if (PERMISSION_PROBLEMS.has(problem)) {
        const failed: TrackState = { status: 'failed', problem, deviceId: null };
        this.update({ camera: failed, microphone: failed });
      } else {
        await this.startOne('camera', null, generation);
        await this.startOne('microphone', null, generation);
      }
    }
    media.addEventListener('devicechange', this.refreshDevices);
    await this.refreshDevices();
  }

  /** Switches to another camera or microphone chosen from the list. */
  async choose(kind: DeviceKind, deviceId: string): Promise<void> {
    this.update({ [kind]: { status: 'starting', problem: null, deviceId } });
    await this.startOne(kind, deviceId, this.generation);
    await this.refreshDevices();
  }

  /** Called about twelve times a second with the microphone level (0…1) while it is live. */
  onLevel(listener: (level: number) => void): () => void {
    this.levelListeners.add(listener);
    return () => this.levelListeners.delete(listener);
  }

  /** Releases the camera and microphone (the browser's "in use" light goes off). Safe to repeat. */
  stop(): void {
    this.generation++;
    for (const kind of ['camera', 'microphone'] as const) this.release(kind);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.meter) void this.meter.context.close().catch(() => undefined);
    this.meter = null;
    this.deps.mediaDevices?.removeEventListener('devicechange', this.refreshDevices);
    this.update(initial());
  }

  private async startOne(kind: DeviceKind, deviceId: string | null, generation: number): Promise<void> {
    const media = this.deps.mediaDevices;
    if (!media) return;
    this.release(kind);
    try {
      const stream = await media.getUserMedia(constraintsFor(kind, deviceId));
      if (generation !== this.generation) return stopAll(stream);
      this.attach(kind, stream.getTracks()[0] ?? null);
    } catch (error) {
      if (generation !== this.generation) return;
      const problem = classifyMediaError(error, this.deps.secureContext);
      this.update({ [kind]: { status: 'failed', problem, deviceId } });
    }
  }

  private attach(kind: DeviceKind, track: MediaStreamTrack | null): void {
    if (!track) {
      this.update({ [kind]: { status: 'failed', problem: 'notFound', deviceId: null } });
      return;
    }
    this.release(kind);
    this.tracks[kind] = track;
    // Unplugged or taken by the system: say so instead of showing a frozen picture.
    track.addEventListener('ended', () => {
      if (this.tracks[kind] !== track) return;
      this.tracks[kind] = null;
      this.update({ [kind]: { status: 'failed', problem: 'notFound', deviceId: null } });
    });
    const state: TrackState = { status: 'live', problem: null, deviceId: track.getSettings().deviceId ?? null };
    if (kind === 'camera') {
      this.update({ camera: state, cameraStream: new MediaStream([track]) });
    } else {
      this.update({ microphone: state, heard: false });
      this.listenTo(track);
    }
  }

  private release(kind: DeviceKind): void {
    const track = this.tracks[kind];
    this.tracks[kind] = null;
    track?.stop();
    if (kind === 'camera' && this.getSnapshot().cameraStream) this.update({ cameraStream: null });
    if (kind === 'microphone' && this.meter?.source) {
      this.meter.source.disconnect();
      this.meter.source = null;
    }
  }

  private ensureMeter(): void {
    if (this.meter) return;
    const context = this.deps.createAudioContext();
    if (!context) return;
    void context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    // Some browsers only run a graph that reaches the speakers; a silent gain gets it there.
    const mute = context.createGain();
    mute.gain.value = 0;
    analyser.connect(mute).connect(context.destination);
    this.meter = { context, source: null, analyser, samples: new Float32Array(analyser.fftSize) };
  }

  private listenTo(track: MediaStreamTrack): void {
    const meter = this.meter;
    if (!meter) return;
    meter.source = meter.context.createMediaStreamSource(new MediaStream([track]));
    meter.source.connect(meter.analyser);
    if (this.timer === null) this.timer = setInterval(this.sample, LEVEL_INTERVAL_MS);
  }

  private readonly sample = (): void => {
    const meter = this.meter;
    if (!meter?.source) return;
    if (meter.context.state === 'suspended') void meter.context.resume().catch(() => undefined);
    meter.analyser.getFloatTimeDomainData(meter.samples);
    const level = levelFromSamples(meter.samples);
    for (const listener of this.levelListeners) listener(level);
    if (level >= HEARD_LEVEL && !this.getSnapshot().heard) this.update({ heard: true });
  };

  private readonly refreshDevices = async (): Promise<void> => {
    const media = this.deps.mediaDevices;
    if (!media?.enumerateDevices) return;
    let devices: MediaDeviceInfo[];
    try {
      devices = await media.enumerateDevices();
    } catch {
      return;
    }
    const of = (kind: MediaDeviceKind): DeviceOption[] =>
      devices.filter((d) => d.kind === kind && d.deviceId !== '').map((d) => ({ id: d.deviceId, label: d.label }));
    this.update({ cameras: of('videoinput'), microphones: of('audioinput'), speakers: of('audiooutput') });
  };
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
