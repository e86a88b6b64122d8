import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceConfig } from './turn.js';

const media = {
  stunUrls: ['stun:turn.example.org:3478'],
  turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
  turnSecret: 'a-long-shared-secret-for-tests',
  turnTtlSeconds: 3600,
  iceTransportPolicy: 'all' as const,
};

describe('TURN credentials (coturn shared-secret scheme)', () => {
  it('mints a username with the expiry and an HMAC-SHA1 password coturn can check', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const config = iceConfig(media, 'participant-1', now);
    const turn = config.iceServers.find((s) => s.urls[0]?.startsWith('turn'));
    expect(turn?.username).toBe(`${Math.floor(now.getTime() / 1000) + 3600}:participant-1`);
    const expected = createHmac('sha1', media.turnSecret)
      .update(turn?.username ?? '')
      .digest('base64');
    expect(turn?.credential).toBe(expected);
    expect(config.expiresAt).toBe('2026-11-22T11:00:00.000Z');
    expect(config.iceServers[0]).toEqual({ urls: media.stunUrls });
  });

  it('never lets a caller ask for a longer life than configured, and strips odd characters from labels', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const config = iceConfig(media, 'a:b c/d', now, 999_999);
    expect(config.expiresAt).toBe('2026-11-22T11:00:00.000Z');
    expect(config.iceServers[1]?.username?.endsWith(':abcd')).toBe(true);
  });

  it('gives only STUN (or nothing) when no relay is configured', () => {
    expect(iceConfig({ ...media, turnUrls: [], turnSecret: null }, 'x').iceServers).toEqual([{ urls: media.stunUrls }]);
    expect(iceConfig({ ...media, stunUrls: [], turnUrls: [], turnSecret: null, turnTtlSeconds: 60 }, 'x')).toEqual({
      iceServers: [],
      expiresAt: null,
    });
  });

  it('tells the browser to use only the relay when configured so', () => {
    expect(iceConfig({ ...media, iceTransportPolicy: 'relay' }, 'x').iceTransportPolicy).toBe('relay');
    expect(iceConfig(media, 'x')).not.toHaveProperty('iceTransportPolicy');
  });
});
