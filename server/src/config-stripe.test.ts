import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY = 'sk_test_51PorticoSecretValue0123456789';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('Stripe configuration', () => {
  it('is off unless PORTICO_PAYMENT_PROCESSOR is stripe', () => {
    expect(loadConfig({}).stripe).toBeNull();
    expect(loadConfig({ PORTICO_PAYMENT_PROCESSOR: 'test', PORTICO_STRIPE_SECRET_KEY: KEY }).stripe).toBeNull();
    expect(loadConfig({ PORTICO_SEED_DEMO: 'false' })).toMatchObject({ paymentProcessor: 'none', stripe: null });
  });

  it('reads the key and an optional API origin', () => {
    const c = loadConfig({ PORTICO_PAYMENT_PROCESSOR: 'stripe', PORTICO_STRIPE_SECRET_KEY: ` ${KEY} ` });
    expect(c.paymentProcessor).toBe('stripe');
    expect(c.stripe?.secretKey).toBe(KEY);
    expect(c.stripe?.apiBase).toBeNull();
    const local = loadConfig({
      PORTICO_PAYMENT_PROCESSOR: 'stripe',
      PORTICO_STRIPE_SECRET_KEY: 'rk_live_restricted123',
      PORTICO_STRIPE_API_BASE: 'http://127.0.0.1:12111/',
    });
    expect(local.stripe?.apiBase).toBe('http://127.0.0.1:12111');
    expect(local.stripe?.secretKey).toBe('rk_live_restricted123');
  });

  it('keeps the key out of anything that serializes the configuration', () => {
    const c = loadConfig({ PORTICO_PAYMENT_PROCESSOR: 'stripe', PORTICO_STRIPE_SECRET_KEY: KEY });
    expect(JSON.stringify(c)).not.toContain(KEY);
    expect(inspect(c, { depth: 10 })).not.toContain(KEY);
    expect(JSON.stringify({ ...c.stripe })).not.toContain(KEY);
  });

  it.each([
    [{ PORTICO_PAYMENT_PROCESSOR: 'paypal' }, 'PORTICO_PAYMENT_PROCESSOR', /must be test, stripe or none/],
    [
      { PORTICO_PAYMENT_PROCESSOR: 'stripe' },
      'PORTICO_STRIPE_SECRET_KEY',
      /must be set when PORTICO_PAYMENT_PROCESSOR is stripe/,
    ],
    [
      { PORTICO_PAYMENT_PROCESSOR: 'stripe', PORTICO_STRIPE_SECRET_KEY: 'pk_live_publishable999' },
      'PORTICO_STRIPE_SECRET_KEY',
      /publishable key/,
    ],
    [
      { PORTICO_PAYMENT_PROCESSOR: 'stripe', PORTICO_STRIPE_SECRET_KEY: 'sk_prod_typo-value-777' },
      'PORTICO_STRIPE_SECRET_KEY',
      /must be a Stripe secret key/,
    ],
    [
      {
        PORTICO_PAYMENT_PROCESSOR: 'stripe',
        PORTICO_STRIPE_SECRET_KEY: KEY,
        PORTICO_STRIPE_API_BASE: 'ftp://x.example',
      },
      'PORTICO_STRIPE_API_BASE',
      /must start with http:\/\/ or https:\/\//,
    ],
    [
      {
        PORTICO_PAYMENT_PROCESSOR: 'stripe',
        PORTICO_STRIPE_SECRET_KEY: KEY,
        PORTICO_STRIPE_API_BASE: 'http://127.0.0.1:12111/v1',
      },
      'PORTICO_STRIPE_API_BASE',
      /scheme, host and port/,
    ],
  ] as [Record<string, string>, string, RegExp][])('refuses %o, naming %s', (env, variable, message) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(variable)).toBe(true);
    expect(err.message).toMatch(message);
    // A wrong key is still a secret: the message never repeats it.
    const key = env['PORTICO_STRIPE_SECRET_KEY'];
    if (key) expect(err.message).not.toContain(key);
  });
});
