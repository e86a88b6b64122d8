import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment: embedded database, port 8080, outbox mail', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe('./data/pglite');
    expect(c.smtpUrl).toBeNull();
    expect(c.sessionIdleMinutes).toBe(15);
    expect(c.sessionAbsoluteHours).toBe(12);
    expect(c.secureCookies).toBe(false);
  });

  it('turns on Secure cookies when the public URL is https', () => {
    expect(loadConfig({ PORTICO_PUBLIC_URL: 'https://portal.example.org/' })).toMatchObject({
      secureCookies: true,
      publicUrl: 'https://portal.example.org',
    });
  });

  it.each([
    ['PORTICO_PORT', 'eighty', /whole number/],
    ['PORTICO_PORT', '70000', /between 0 and 65535/],
    ['DATABASE_URL', 'mysql://localhost/db', /must start with postgres:\/\//],
    ['PORTICO_SMTP_URL', 'not a url', /not a valid URL/],
    ['PORTICO_LOG_LEVEL', 'loud', /must be one of/],
    ['PORTICO_SEED_DEMO', 'maybe', /true or false/],
    ['PORTICO_SESSION_IDLE_MINUTES', '0', /between 1 and/],
    ['PORTICO_TURN_URLS', 'http://turn.example.org', /must start with turn: or turns:/],
    ['PORTICO_TURN_SECRET', 'short', /must be set/],
    ['REDIS_URL', 'http://localhost:6379', /must start with redis:\/\//],
  ])('rejects %s=%s and names the variable', (name, value, message) => {
    let caught: unknown;
    try {
      const needsTurn = name === 'PORTICO_TURN_SECRET' ? { PORTICO_TURN_URLS: 'turn:turn.example.org:3478' } : {};
      loadConfig({ ...needsTurn, [name]: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(name);
    expect((caught as ConfigError).message).toMatch(message);
    expect((caught as ConfigError).message.startsWith(name)).toBe(true);
  });

  it('reads STUN and TURN lists', () => {
    const c = loadConfig({
      PORTICO_STUN_URLS: 'stun:a.example.org:3478, stun:b.example.org',
      PORTICO_TURN_URLS: 'turn:a.example.org:3478?transport=udp,turns:a.example.org:5349',
      PORTICO_TURN_SECRET: 'sixteen-chars-or-more',
    });
    expect(c.media.stunUrls).toEqual(['stun:a.example.org:3478', 'stun:b.example.org']);
    expect(c.media.turnUrls).toHaveLength(2);
    expect(c.media.turnTtlSeconds).toBe(4 * 3600);
    expect(loadConfig({}).media).toEqual({
      stunUrls: [],
      turnUrls: [],
      turnSecret: null,
      turnTtlSeconds: 4 * 3600,
      iceTransportPolicy: 'all',
    });
  });

  it('sends media only through the relay when asked, and only when there is one', () => {
    const turn = { PORTICO_TURN_URLS: 'turn:127.0.0.1:3478', PORTICO_TURN_SECRET: 'sixteen-chars-or-more' };
    expect(loadConfig({ ...turn, PORTICO_ICE_TRANSPORT_POLICY: 'relay' }).media.iceTransportPolicy).toBe('relay');
    expect(() => loadConfig({ PORTICO_ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/PORTICO_TURN_URLS/);
    expect(() => loadConfig({ ...turn, PORTICO_ICE_TRANSPORT_POLICY: 'none' })).toThrow(/all or relay/);
  });
});
