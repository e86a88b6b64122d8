import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The master keys and what they protect: each file's own AES-256 key, wrapped (AES-256-GCM), and
 * short identifiers sealed field by field. Every wrapped value names the master key that sealed it
 * (`<keyId>:<base64>`), so `npm run keys:rotate` knows which rows still need re-wrapping and a run
 * cut short by a crash simply carries on. Values from before key ids (plain base64) are tried
 * against every master key; GCM's tag tells which one fits.
 */
const NONCE = 12;
const TAG = 16;
const FIELD_PREFIX = 'enc1:';

/** 16 hex characters naming a master key; safe to store (a one-way digest of the key). */
export function masterKeyId(master: Buffer): string {
  return createHash('sha256').update('portico-file-master-key:').update(master).digest('hex').slice(0, 16);
}

function sealWith(key: Buffer, plain: Buffer, aad?: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openWith(key: Buffer, sealed: Buffer, aad?: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error('sealed value is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
}

interface Master {
  id: string;
  key: Buffer;
  /** Derived key for field encryption; separate from the one that wraps file keys. */
  fieldKey: Buffer;
}

function master(key: Buffer): Master {
  const fieldKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'portico field encryption v1', 32));
  return { id: masterKeyId(key), key, fieldKey };
}

export class KeyRing {
  readonly #current: Master;
  readonly #all: Master[];

  /** `current` seals everything new; `previous` keys are only read (during a rotation). */
  constructor(current: Buffer, previous: Buffer[] = []) {
    this.#current = master(current);
    this.#all = [this.#current, ...previous.map(master).filter((m) => m.id !== this.#current.id)];
  }

  get currentId(): string {
    return this.#current.id;
  }

  /** A fresh per-file key and its wrapped form for the database. */
  newDataKey(): { key: Buffer; wrapped: string } {
    const key = randomBytes(32);
    return { key, wrapped: `${this.#current.id}:${sealWith(this.#current.key, key).toString('base64')}` };
  }

  unwrap(wrapped: string): Buffer {
    const colon = wrapped.indexOf(':');
    const sealed = Buffer.from(colon < 0 ? wrapped : wrapped.slice(colon + 1), 'base64');
    return this.#tryEach(colon < 0 ? null : wrapped.slice(0, colon), (m) => openWith(m.key, sealed));
  }

  /** True when `wrapped` is sealed by the current master key (nothing for a rotation to do). */
  isCurrent(wrapped: string): boolean {
    return wrapped.startsWith(`${this.#current.id}:`);
  }

  /** The same per-file key, wrapped by the current master key; the file itself is untouched. */
  rewrap(wrapped: string): string {
    const key = this.unwrap(wrapped);
    return `${this.#current.id}:${sealWith(this.#current.key, key).toString('base64')}`;
  }

  /**
   * Seals a short identifier (a member id) for its column: `enc1:<keyId>:<base64>`. The column name
   * is bound in, so a value copied into another column does not open.
   */
  sealField(column: string, plain: string): string {
    const sealed = sealWith(this.#current.fieldKey, Buffer.from(plain, 'utf8'), Buffer.from(column));
    return `${FIELD_PREFIX}${this.#current.id}:${sealed.toString('base64')}`;
  }

  /** Opens a sealed field; a value written before field encryption (plain text) is returned as it is. */
  openField(column: string, stored: string): string {
    if (!isSealedField(stored)) return stored;
    const rest = stored.slice(FIELD_PREFIX.length);
    const colon = rest.indexOf(':');
    const sealed = Buffer.from(rest.slice(colon + 1), 'base64');
    return this.#tryEach(rest.slice(0, colon), (m) => openWith(m.fieldKey, sealed, Buffer.from(column))).toString(
      'utf8',
    );
  }

  /** True when a stored field is sealed by the current master key. */
  isCurrentField(stored: string): boolean {
    return stored.startsWith(`${FIELD_PREFIX}${this.#current.id}:`);
  }

  #tryEach(id: string | null, open: (m: Master) => Buffer): Buffer {
    const candidates = id === null ? this.#all : this.#all.filter((m) => m.id === id);
    if (candidates.length === 0) {
      throw new Error(`sealed by master key ${id ?? '?'}, which is not configured (PORTICO_FILE_MASTER_KEY_PREVIOUS?)`);
    }
    for (const m of candidates) {
      try {
        return open(m);
      } catch {
        // GCM refused: another key, or tampering; try the next.
      }
    }
    throw new Error('sealed value does not open with the configured master keys (tampered, or another key)');
  }
}

export function isSealedField(stored: string): boolean {
  return stored.startsWith(FIELD_PREFIX);
}
