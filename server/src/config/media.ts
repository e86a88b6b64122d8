import { ConfigError, int, str, urlList, type Env } from './env.js';

export interface MediaConfig {
  /** stun:host:port URLs; empty means browsers use only host candidates. */
  stunUrls: string[];
  /** turn:/turns: URLs of a coturn server using its shared-secret REST scheme. */
  turnUrls: string[];
  /** coturn's static-auth-secret; required when turnUrls is set. */
  turnSecret: string | null;
  /** How long minted TURN credentials stay valid. */
  turnTtlSeconds: number;
  /** 'relay' has browsers send all media through TURN, never directly (hides addresses; proves the relay). */
  iceTransportPolicy: 'all' | 'relay';
}

/** PORTICO_STUN_URLS, PORTICO_TURN_URLS, PORTICO_TURN_SECRET, PORTICO_TURN_TTL_SECONDS, PORTICO_ICE_TRANSPORT_POLICY. */
export function mediaConfig(env: Env): MediaConfig {
  const turnUrls = urlList(env, 'PORTICO_TURN_URLS', ['turn', 'turns']);
  const turnSecret = str(env, 'PORTICO_TURN_SECRET', '');
  if (turnUrls.length > 0 && turnSecret.length < 16) {
    throw new ConfigError(
      'PORTICO_TURN_SECRET',
      "must be set (16+ characters, coturn's static-auth-secret) when PORTICO_TURN_URLS is",
    );
  }
  const iceTransportPolicy = str(env, 'PORTICO_ICE_TRANSPORT_POLICY', 'all');
  if (iceTransportPolicy !== 'all' && iceTransportPolicy !== 'relay') {
    throw new ConfigError('PORTICO_ICE_TRANSPORT_POLICY', `must be all or relay, got "${iceTransportPolicy}"`);
  }
  if (iceTransportPolicy === 'relay' && turnUrls.length === 0) {
    throw new ConfigError('PORTICO_ICE_TRANSPORT_POLICY', 'relay needs a TURN relay: set PORTICO_TURN_URLS too');
  }
  return {
    stunUrls: urlList(env, 'PORTICO_STUN_URLS', ['stun', 'stuns']),
    turnUrls,
    turnSecret: turnSecret === '' ? null : turnSecret,
    turnTtlSeconds: int(env, 'PORTICO_TURN_TTL_SECONDS', 4 * 3600, 60, 24 * 3600),
    iceTransportPolicy,
  };
}
