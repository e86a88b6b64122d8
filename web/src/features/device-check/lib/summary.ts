import type { ConnectionVerdict } from './connection';
import type { SupportStatus } from './support';

export type TrackStatus = 'idle' | 'starting' | 'live' | 'failed';
export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

/** The one-line answer to "can I have my visit on this device?" */
export type DeviceCheckResult = 'pending' | 'running' | 'ready' | 'audioOnly' | 'notReady';

export interface CheckState {
  browser: SupportStatus;
  camera: TrackStatus;
  microphone: TrackStatus;
  connection: RunStatus;
  verdict: ConnectionVerdict | null;
}

/**
 * Overall result. Without a working microphone, a usable connection or a capable browser there
 * is no visit on this device; without a camera or with a thin line there is one with sound only.
 */
export function overallResult(s: CheckState): DeviceCheckResult {
  const browserOk = s.browser === 'ready' || s.browser === 'update';
  if (!browserOk) return 'notReady';
  if (s.camera === 'idle' && s.microphone === 'idle' && s.connection === 'idle') return 'pending';
  const settled = (x: TrackStatus) => x === 'live' || x === 'failed';
  if (!settled(s.camera) || !settled(s.microphone) || s.connection === 'running' || s.connection === 'idle') {
    return 'running';
  }
  if (s.microphone === 'failed' || s.connection === 'failed' || s.verdict === 'insufficient') return 'notReady';
  if (s.camera === 'failed' || s.verdict === 'audio') return 'audioOnly';
  return 'ready';
}
