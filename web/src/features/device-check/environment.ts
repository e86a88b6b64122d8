import type { Capabilities } from './lib/support';
import { parseUserAgent, type UserAgentInfo } from './lib/userAgent';
import type { ConnectionTesterDeps } from './media/ConnectionTester';
import type { MediaTesterDeps } from './media/MediaTester';

/** The browser and system this page runs in (read once; it does not change while open). */
export function readUserAgent(): UserAgentInfo {
  return parseUserAgent(navigator.userAgent, navigator.maxTouchPoints ?? 0);
}

/** What this browser offers that a visit needs. */
export function readCapabilities(): Capabilities {
  return {
    secureContext: window.isSecureContext,
    getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    peerConnection: typeof window.RTCPeerConnection === 'function',
  };
}

export function mediaTesterDeps(): MediaTesterDeps {
  return {
    mediaDevices: navigator.mediaDevices,
    secureContext: window.isSecureContext,
    createAudioContext: () => (typeof AudioContext === 'function' ? new AudioContext() : null),
  };
}

export function connectionTesterDeps(): ConnectionTesterDeps {
  return {
    fetch: (input, init) => window.fetch(input, init),
    now: () => performance.now(),
    createPeerConnection:
      typeof window.RTCPeerConnection === 'function' ? (config) => new RTCPeerConnection(config) : null,
    randomFill: (bytes) => crypto.getRandomValues(bytes),
  };
}
