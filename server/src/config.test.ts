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
  ])('rejects %s=%s and names the variable', (name, value, message) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(name);
    expect((caught as ConfigError).message).toMatch(message);
    expect((caught as ConfigError).message.startsWith(name)).toBe(true);
  });
});
