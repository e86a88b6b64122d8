import { createHmac } from 'node:crypto';
import type { MediaConfig } from '../../config.js';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceConfig {
  iceServers: IceServer[];
  /** When the TURN credential stops working (ISO time), or null without TURN. */
  expiresAt: string | null;
  /** Present when every connection must go through the relay (PORTICO_ICE_TRANSPORT_POLICY=relay). */
  iceTransportPolicy?: 'relay';
}

/**
 * ICE servers for one participant. TURN credentials follow coturn's shared-secret REST scheme
 * (`use-auth-secret`): the username is "<expiry unix seconds>:<label>" and the password is
 * base64(HMAC-SHA1(secret, username)), so coturn checks them without a database and they
 * expire by themselves. The label names the participant, never the patient.
 */
export function iceConfig(media: MediaConfig, label: string, now: Date = new Date(), ttlSeconds?: number): IceConfig {
  const servers: IceServer[] = [];
  if (media.stunUrls.length > 0) servers.push({ urls: media.stunUrls });
  if (media.turnUrls.length === 0 || media.turnSecret === null) return { iceServers: servers, expiresAt: null };
  const ttl = Math.min(ttlSeconds ?? media.turnTtlSeconds, media.turnTtlSeconds);
  const expiry = Math.floor(now.getTime() / 1000) + ttl;
  const username = `${expiry}:${label.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const credential = createHmac('sha1', media.turnSecret).update(username).digest('base64');
  servers.push({ urls: media.turnUrls, username, credential });
  return {
    iceServers: servers,
    expiresAt: new Date(expiry * 1000).toISOString(),
    ...(media.iceTransportPolicy === 'relay' ? { iceTransportPolicy: 'relay' as const } : {}),
  };
}
