import type { MediaState, ParticipantRole, VisitView } from '@portico/contracts';
import type { DeviceLists, LocalMedia, MediaProblem } from './localMedia';
import type { Mesh } from './mesh';
import type { Quality } from './quality';
import type { Announcement } from './roster';
import type { SocketEnd, SocketStatus, VisitSocket } from './signaling';

export interface LocalView {
  stream: MediaStream | null;
  /** Changes whenever the camera track is swapped, so the preview can re-attach. */
  videoTrackId: string | null;
  audioOn: boolean;
  videoOn: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  problem: MediaProblem | null;
  devices: DeviceLists;
  audioDeviceId: string;
  videoDeviceId: string;
}

export interface PeerView {
  id: string;
  name: string;
  role: ParticipantRole;
  stream: MediaStream | null;
  streamKey: string;
  state: RTCPeerConnectionState;
  quality: Quality | null;
  remoteMedia: MediaState | null;
  audioOnly: boolean;
  /** Left the visit a moment ago; the connection is kept in case they come back. */
  departed: boolean;
}

/** Everything the call's React components read: a new object on every change. */
export interface CallSnapshot {
  status: SocketStatus;
  ended: SocketEnd | null;
  selfId: string | null;
  role: ParticipantRole | null;
  admitted: boolean;
  visit: VisitView | null;
  local: LocalView | null;
  peers: PeerView[];
  /** Our video is paused to at least one person because the connection is weak. */
  audioOnly: boolean;
  lastError: string | null;
  announcements: Announcement[];
}

export const EMPTY_SNAPSHOT: CallSnapshot = {
  status: 'connecting',
  ended: null,
  selfId: null,
  role: null,
  admitted: false,
  visit: null,
  local: null,
  peers: [],
  audioOnly: false,
  lastError: null,
  announcements: [],
};

interface SessionParts {
  socket: VisitSocket;
  media: LocalMedia | null;
  mesh: Mesh | null;
  selfId: string | null;
  role: ParticipantRole | null;
  admitted: boolean;
  visit: VisitView | null;
  ended: SocketEnd | null;
  lastError: string | null;
  announcements: Announcement[];
  names: ReadonlyMap<string, { name: string; role: ParticipantRole }>;
}

function localView(media: LocalMedia): LocalView {
  return {
    stream: media.stream,
    videoTrackId: media.videoTrack?.id ?? null,
    audioOn: media.audioOn,
    videoOn: media.videoOn,
    hasAudio: media.audioTrack !== null,
    hasVideo: media.videoTrack !== null,
    problem: media.problem,
    devices: media.devices,
    audioDeviceId: media.audioDeviceId,
    videoDeviceId: media.videoDeviceId,
  };
}

export function buildSnapshot(s: SessionParts): CallSnapshot {
  const peers: PeerView[] = [...(s.mesh?.peers.values() ?? [])].map((p) => {
    const who = s.names.get(p.id);
    return {
      id: p.id,
      name: who?.name ?? '',
      role: who?.role ?? 'guest',
      stream: p.stream,
      streamKey: p.stream ? `${p.stream.id}:${p.stream.getTracks().length}` : '',
      state: p.state,
      quality: p.quality,
      remoteMedia: p.remoteMedia,
      audioOnly: p.audioOnly,
      departed: p.departedAt !== null,
    };
  });
  return {
    status: s.socket.currentStatus,
    ended: s.ended,
    selfId: s.selfId,
    role: s.role,
    admitted: s.admitted,
    visit: s.visit,
    local: s.media ? localView(s.media) : null,
    peers,
    audioOnly: s.mesh?.anyAudioOnly() ?? false,
    lastError: s.lastError,
    announcements: s.announcements,
  };
}
