import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing, masterKeyId } from './keyring.js';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

/** A per-file key wrapped the way Portico did before key ids (decision 0018): plain base64. */
function legacyWrap(master: Buffer, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, nonce);
  return Buffer.concat([nonce, cipher.update(key), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

describe('envelope keys', () => {
  it('wraps a per-file key naming its master key, and only that master opens it', () => {
    const ring = new KeyRing(oldKey);
    const { key, wrapped } = ring.newDataKey();
    expect(wrapped.startsWith(`${masterKeyId(oldKey)}:`)).toBe(true);
    expect(wrapped).not.toContain(key.toString('base64'));
    expect(ring.unwrap(wrapped).equals(key)).toBe(true);
    expect(() => new KeyRing(newKey).unwrap(wrapped)).toThrow(/not configured/);
  });

  it('detects a tampered wrapped key', () => {
    const ring = new KeyRing(oldKey);
    const { wrapped } = ring.newDataKey();
    const [id, body] = wrapped.split(':') as [string, string];
    const bytes = Buffer.from(body, 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 0x01;
    expect(() => ring.unwrap(`${id}:${bytes.toString('base64')}`)).toThrow(/does not open/);
  });

  it('re-wraps the same file key under a new master, reading old ones meanwhile', () => {
    const { key, wrapped } = new KeyRing(oldKey).newDataKey();
    const during = new KeyRing(newKey, [oldKey]);
    expect(during.isCurrent(wrapped)).toBe(false);
    const rewrapped = during.rewrap(wrapped);
    expect(during.isCurrent(rewrapped)).toBe(true);
    // After the rotation the old key can go: the file key is the same, so no file is rewritten.
    expect(new KeyRing(newKey).unwrap(rewrapped).equals(key)).toBe(true);
    expect(during.unwrap(wrapped).equals(key)).toBe(true);
  });

  it('opens keys wrapped before key ids existed, with whichever master fits', () => {
    const key = randomBytes(32);
    const legacy = legacyWrap(oldKey, key);
    const ring = new KeyRing(newKey, [oldKey]);
    expect(ring.isCurrent(legacy)).toBe(false);
    expect(ring.unwrap(legacy).equals(key)).toBe(true);
    expect(() => new KeyRing(newKey).unwrap(legacy)).toThrow();
  });

  it('seals fields non-deterministically, bound to their column, and passes old plain values through', () => {
    const ring = new KeyRing(oldKey);
    const a = ring.sealField('coverages.member_id', 'ACH-4471-2093');
    const b = ring.sealField('coverages.member_id', 'ACH-4471-2093');
    expect(a).not.toBe(b);
    expect(a).not.toContain('4471');
    expect(ring.openField('coverages.member_id', a)).toBe('ACH-4471-2093');
    expect(() => ring.openField('coverages.group_number', a)).toThrow();
    expect(ring.openField('coverages.member_id', 'PLAIN-123')).toBe('PLAIN-123');
    const rotated = new KeyRing(newKey, [oldKey]);
    expect(rotated.isCurrentField(a)).toBe(false);
    expect(rotated.openField('coverages.member_id', a)).toBe('ACH-4471-2093');
  });
});
