import type { ConnectivityIceServer } from '@portico/contracts';
import type { RelayResult } from '../lib/connection';

/**
 * Whether the TURN relay answers: a peer connection allowed to use relay candidates only
 * gathers one exactly when the relay accepted our credentials and gave us an address.
 * Nothing is sent to anyone; the connection is closed straight after.
 */
export async function probeRelay(
  iceServers: ConnectivityIceServer[],
  create: (config: RTCConfiguration) => RTCPeerConnection,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<RelayResult> {
  let pc: RTCPeerConnection;
  try {
    pc = create({ iceServers, iceTransportPolicy: 'relay' });
  } catch {
    return 'unreachable';
  }
  try {
    return await new Promise<RelayResult>((resolve) => {
      const timer = setTimeout(() => resolve('unreachable'), timeoutMs);
      const finish = (result: RelayResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      signal.addEventListener('abort', () => finish('notTested'), { once: true });
      pc.addEventListener('icecandidate', (event) => {
        const candidate = event.candidate;
        if (candidate === null) finish('unreachable');
        else if (candidate.type === 'relay' || / typ relay /.test(candidate.candidate)) finish('reachable');
      });
      pc.createDataChannel('probe');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => finish('unreachable'));
    });
  } finally {
    pc.close();
  }
}
