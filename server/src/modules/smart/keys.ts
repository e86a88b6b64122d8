import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Small secrets (the signing key, cookie keys, client secrets) sealed with AES-256-GCM under a
 * key derived from the file master key, so a database dump alone reveals none of them.
 */
/** Seals and opens small secrets. */
export interface Sealing {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class Sealer implements Sealing {
  readonly #key: Buffer;
  constructor(master: Buffer) {
    this.#key = createHash('sha256').update('portico-smart-v1').update(master).digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed value has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export interface KeyMaterial {
  signing: JWK;
  cookieKeys: string[];
}

/** A new RS256 signing key (SMART requires RS256 support for ID tokens) and two cookie keys. */
export async function newKeyMaterial(): Promise<KeyMaterial> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = randomBytes(12).toString('base64url');
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return { signing: jwk, cookieKeys: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')] };
}
