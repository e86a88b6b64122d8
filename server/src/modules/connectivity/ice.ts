import { randomBytes } from 'node:crypto';
import { CONNECTIVITY_ICE_TTL_SECONDS, type ConnectivityIceServers } from '@portico/contracts';
import type { MediaConfig } from '../../config.js';
import { iceConfig } from '../visits/index.js';

/**
 * ICE servers for one run of the device check's relay test. Anyone may ask (the check needs no
 * sign-in), so the credentials are labelled with a random "check-…" name that identifies no one
 * and stop working after five minutes at most.
 */
export function checkIceServers(media: MediaConfig, now: Date = new Date()): ConnectivityIceServers {
  const label = `check-${randomBytes(6).toString('hex')}`;
  const { iceServers, expiresAt } = iceConfig(media, label, now, CONNECTIVITY_ICE_TTL_SECONDS);
  return {
    iceServers,
    expiresAt,
    relayConfigured: media.turnUrls.length > 0 && media.turnSecret !== null,
  };
}
