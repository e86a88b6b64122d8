import { Emitter } from './emitter';

/** What went wrong getting the camera or microphone, in words a page can explain. */
export type MediaProblem = 'blocked' | 'missing' | 'busy' | 'insecure' | 'failed';

export interface DeviceLists {
  audioinput: MediaDeviceInfo[];
  videoinput: MediaDeviceInfo[];
  audiooutput: MediaDeviceInfo[];
}

interface LocalMediaEvents {
  change: [];
  /** A track was added, replaced or removed (null): peers swap it on their senders. */
  track: ['audio' | 'video', MediaStreamTrack | null];
}

export function mediaProblem(error: unknown): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * This person's camera and microphone: one stream whose tracks are swapped when a device is
 * switched or the camera is turned off (the camera light goes off too) and on again.
 */
export class LocalMedia extends Emitter<LocalMediaEvents> {
  readonly stream = new MediaStream();
  audioOn = true;
  videoOn = true;
  problem: MediaProblem | null = null;
  devices: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  audioDeviceId = '';
  videoDeviceId = '';
  private stopped = false;

  get audioTrack(): MediaStreamTrack | null {
    return this.stream.getAudioTracks()[0] ?? null;
  }

  get videoTrack(): MediaStreamTrack | null {
    return this.stream.getVideoTracks()[0] ?? null;
  }

  /** Asks for camera and microphone; falls back to the microphone alone, then to nothing. */
  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.problem = window.isSecureContext ? 'failed' : 'insecure';
      this.emit('change');
      return;
    }
    navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
    try {
      this.adopt(await navigator.mediaDevices.getUserMedia({ audio: AUDIO, video: VIDEO }));
    } catch (error) {
      this.problem = mediaProblem(error);
      try {
        this.adopt(await navigator.mediaDevices.getUserMedia({ audio: AUDIO }));
        this.videoOn = false;
      } catch {
        this.audioOn = false;
        this.videoOn = false;
      }
    }
    await this.refreshDevices();
    this.emit('change');
  }

  stop(): void {
    this.stopped = true;
    navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
    for (const track of this.stream.getTracks()) track.stop();
    this.removeAllListeners();
  }

  /** Mute or unmute: the track keeps running (silence is sent), so unmuting is instant. */
  setAudio(on: boolean): void {
    this.audioOn = on;
    const track = this.audioTrack;
    if (track) track.enabled = on;
    this.emit('change');
  }

  /** Camera off stops the camera itself; on asks for it again. */
  async setVideo(on: boolean): Promise<void> {
    if (!on) {
      this.videoOn = false;
      this.replace('video', null);
      this.emit('change');
      return;
    }
    await this.useCamera(this.videoDeviceId);
  }

  async useCamera(deviceId: string): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: deviceId ? { ...VIDEO, deviceId: { exact: deviceId } } : VIDEO,
      });
      const track = stream.getVideoTracks()[0] ?? null;
      if (this.stopped) return track?.stop();
      this.videoOn = track !== null;
      this.problem = null;
      this.replace('video', track);
    } catch (error) {
      this.problem = mediaProblem(error);
    }
    await this.refreshDevices();
    this.emit('change');
  }

  async useMicrophone(deviceId: string): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: deviceId ? { ...AUDIO, deviceId: { exact: deviceId } } : AUDIO,
      });
      const track = stream.getAudioTracks()[0] ?? null;
      if (this.stopped) return track?.stop();
      if (track) track.enabled = this.audioOn;
      this.problem = null;
      this.replace('audio', track);
    } catch (error) {
      this.problem = mediaProblem(error);
    }
    await this.refreshDevices();
    this.emit('change');
  }

  async refreshDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.devices = {
      audioinput: all.filter((d) => d.kind === 'audioinput' && d.deviceId !== ''),
      videoinput: all.filter((d) => d.kind === 'videoinput' && d.deviceId !== ''),
      audiooutput: all.filter((d) => d.kind === 'audiooutput' && d.deviceId !== ''),
    };
    this.audioDeviceId = this.audioTrack?.getSettings().deviceId ?? this.audioDeviceId;
    this.videoDeviceId = this.videoTrack?.getSettings().deviceId ?? this.videoDeviceId;
  }

  private readonly onDeviceChange = () => {
    void this.refreshDevices().then(() => this.emit('change'));
  };

  private adopt(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      if (this.stopped) track.stop();
      else this.stream.addTrack(track);
    }
  }

  private replace(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const old = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    if (track) this.stream.addTrack(track);
    this.emit('track', kind, track);
  }
}
