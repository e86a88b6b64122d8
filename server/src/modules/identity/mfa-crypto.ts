import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MfaConfig } from '../../config.js';
import { safeEqual } from '../../lib/tokens.js';

/**
 * The MFA key: PORTICO_MFA_KEY, or (demo, development) made once in the key file with owner-only
 * permissions, outside the data folder. Read on first use.
 */
function loadKey(config: MfaConfig): Buffer {
  if (config.key) return config.key.bytes;
  mkdirSync(dirname(config.keyFile), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(config.keyFile, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(config.keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${config.keyFile} does not hold a 32-byte key`);
  return key;
}

/** Seals TOTP secrets (AES-256-GCM) and signs trusted-device cookies (HMAC-SHA-256), each with its own derived key. */
export class MfaKeys {
  #seal: Buffer | null = null;
  #sign: Buffer | null = null;

  constructor(private readonly config: MfaConfig) {}

  private keys(): { seal: Buffer; sign: Buffer } {
    if (!this.#seal || !this.#sign) {
      const master = loadKey(this.config);
      this.#seal = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'portico totp secret', 32));
      this.#sign = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'portico trusted device', 32));
    }
    return { seal: this.#seal, sign: this.#sign };
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url; the user id is bound in as associated data. */
  seal(plain: string, userId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys().seal, iv);
    cipher.setAAD(Buffer.from(userId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, userId: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined)
      throw new Error('sealed TOTP secret has an unknown form');
    const decipher = createDecipheriv('aes-256-gcm', this.keys().seal, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A cookie value `<id>.<mac>` binding a trusted-device row to its user. */
  signDevice(deviceId: string, userId: string): string {
    return `${deviceId}.${this.mac(deviceId, userId)}`;
  }

  /** The device id from a cookie whose signature holds for this user, else null. */
  verifyDevice(cookie: string | undefined, userId: string): string | null {
    if (!cookie || cookie.length > 200) return null;
    const [id, mac] = cookie.split('.');
    if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
    return safeEqual(mac, this.mac(id, userId)) ? id : null;
  }

  private mac(deviceId: string, userId: string): string {
    return createHmac('sha256', this.keys().sign).update(`${deviceId}:${userId}`).digest('base64url');
  }
}
