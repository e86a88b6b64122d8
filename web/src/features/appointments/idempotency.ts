import { useState } from 'react';

/**
 * A random UUID (v4) for an Idempotency-Key. crypto.randomUUID exists only on secure origins
 * (HTTPS or localhost); getRandomValues works everywhere, so a plain-HTTP intranet install
 * still gets a proper key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per distinct request on a screen: pressing "Confirm" again for the same booking (a
 * retry after a lost answer) reuses its key, so the server returns the first result; a different
 * booking (another time, another reason) gets a new key.
 */
export class IdempotencyKeys {
  readonly #keys = new Map<string, string>();

  for(request: unknown): string {
    const fingerprint = JSON.stringify(request);
    let key = this.#keys.get(fingerprint);
    if (!key) {
      key = newIdempotencyKey();
      this.#keys.set(fingerprint, key);
    }
    return key;
  }

  /**
   * Sends `request` with its key. A failed send keeps the key, so sending the same thing again
   * is a retry the server answers once; after a success the key is spent, so the same words
   * sent again later ("Thank you" twice) are a new message.
   */
  async send<T>(request: unknown, post: (key: string) => Promise<T>): Promise<T> {
    const result = await post(this.for(request));
    this.#keys.delete(JSON.stringify(request));
    return result;
  }
}

/** Request options that carry an Idempotency-Key. */
export const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

/** One IdempotencyKeys per mounted form or hook. */
export function useIdempotencyKeys(): IdempotencyKeys {
  return useState(() => new IdempotencyKeys())[0];
}
