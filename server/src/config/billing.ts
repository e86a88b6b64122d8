import { ConfigError, str, url, type Env } from './env.js';

/** Stripe settings. The key is held privately, so it never reaches JSON, util.inspect or a log line. */
export class StripeConfig {
  readonly #secretKey: string;
  constructor(
    secretKey: string,
    /** An origin such as http://127.0.0.1:12111 the SDK talks to instead of api.stripe.com (tests); null in production. */
    readonly apiBase: string | null,
  ) {
    this.#secretKey = secretKey;
  }
  /** sk_… (secret) or rk_… (restricted) key. */
  get secretKey(): string {
    return this.#secretKey;
  }
}

/** Card payments. */
export interface BillingSettings {
  /** Card payments: the built-in test processor (no money moves), Stripe, or none (online payment off). */
  paymentProcessor: 'test' | 'stripe' | 'none';
  /** Set exactly when paymentProcessor is stripe. */
  stripe: StripeConfig | null;
}

/** PORTICO_PAYMENT_PROCESSOR, and PORTICO_STRIPE_* when it is stripe. */
export function billingSettings(env: Env, seedDemo: boolean): BillingSettings {
  // The test processor accepts public test cards: on by default only for the demo.
  const paymentProcessor = str(env, 'PORTICO_PAYMENT_PROCESSOR', seedDemo ? 'test' : 'none');
  if (paymentProcessor !== 'test' && paymentProcessor !== 'stripe' && paymentProcessor !== 'none') {
    throw new ConfigError('PORTICO_PAYMENT_PROCESSOR', `must be test, stripe or none, got "${paymentProcessor}"`);
  }
  return { paymentProcessor, stripe: paymentProcessor === 'stripe' ? stripeConfig(env) : null };
}

/** Never echoes the key in a message: even a mistyped secret is mostly a secret. */
function stripeConfig(env: Env): StripeConfig {
  const key = str(env, 'PORTICO_STRIPE_SECRET_KEY', '').trim();
  if (key === '') {
    throw new ConfigError(
      'PORTICO_STRIPE_SECRET_KEY',
      'must be set when PORTICO_PAYMENT_PROCESSOR is stripe (the secret key sk_live_… or a restricted key rk_live_… from the Stripe dashboard)',
    );
  }
  if (!/^(sk|rk)_(live|test)_\S+$/.test(key)) {
    throw new ConfigError(
      'PORTICO_STRIPE_SECRET_KEY',
      key.startsWith('pk_')
        ? 'is a publishable key (pk_…); Portico needs the secret key (sk_…) or a restricted key (rk_…)'
        : 'must be a Stripe secret key (sk_live_…, sk_test_…) or restricted key (rk_live_…, rk_test_…)',
    );
  }
  const apiBase = url(env, 'PORTICO_STRIPE_API_BASE', ['http:', 'https:']);
  if (apiBase !== null) {
    const parsed = new URL(apiBase);
    if (parsed.pathname !== '/' || parsed.search !== '' || parsed.username !== '' || parsed.password !== '') {
      throw new ConfigError(
        'PORTICO_STRIPE_API_BASE',
        'must be just a scheme, host and port such as http://127.0.0.1:12111 (the SDK adds /v1/ itself)',
      );
    }
  }
  return new StripeConfig(key, apiBase === null ? null : apiBase.replace(/\/$/, ''));
}
