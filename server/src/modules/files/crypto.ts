import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Encryption at rest for uploaded files: AES-256-GCM with a random key per file, that key wrapped
 * by the master key. A file is a run of records, each sealed on its own:
 *
 *   [u32 plaintext length][12-byte random nonce][ciphertext][16-byte tag]
 *
 * The per-file key is wrapped by the master key in keyring.ts.
 * The record index and file id are bound in as associated data, so records cannot be reordered or
 * moved between files; the expected total length (kept in the database) catches a cut-off tail.
 * Records let an interrupted upload carry on where it stopped without holding any cipher state
 * between requests, and let a reader stream a large study without ever holding it whole.
 */
export const RECORD_BYTES = 64 * 1024;
const NONCE = 12;
const TAG = 16;
const HEADER = 4 + NONCE;

function aad(fileId: string, index: number): Buffer {
  const idx = Buffer.alloc(4);
  idx.writeUInt32BE(index);
  return Buffer.concat([Buffer.from(fileId, 'utf8'), idx]);
}

function seal(key: Buffer, fileId: string, index: number, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(fileId, index));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(plain.length);
  return Buffer.concat([head, nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Where an append left the file: what the next request carries on from. */
export interface AppendState {
  plainBytes: number;
  storedBytes: number;
  records: number;
}

/**
 * Appends plaintext to an encrypted file as it arrives, one sealed record per 64 KiB. Holds at
 * most one record in memory. `close()` seals whatever is buffered, so bytes received before a
 * dropped connection are kept and the upload resumes from there.
 */
export class RecordAppender {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #state: AppendState;

  private constructor(
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly fileId: string,
    start: AppendState,
  ) {
    this.#state = { ...start };
  }

  /** Opens the file for appending, first cutting off any half-written record a crash left behind. */
  static async open(path: string, key: Buffer, fileId: string, start: AppendState): Promise<RecordAppender> {
    const handle = await open(path, start.storedBytes === 0 ? 'w' : 'r+', 0o600);
    await handle.truncate(start.storedBytes);
    return new RecordAppender(handle, key, fileId, start);
  }

  get state(): AppendState {
    return { ...this.#state, plainBytes: this.#state.plainBytes + this.#pendingBytes };
  }

  async write(chunk: Buffer): Promise<void> {
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(rest.length, RECORD_BYTES - this.#pendingBytes);
      this.#pending.push(rest.subarray(0, take));
      this.#pendingBytes += take;
      rest = rest.subarray(take);
      if (this.#pendingBytes === RECORD_BYTES) await this.#seal();
    }
  }

  async close(): Promise<AppendState> {
    try {
      if (this.#pendingBytes > 0) await this.#seal();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    return { ...this.#state };
  }

  async #seal(): Promise<void> {
    const plain = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    const record = seal(this.key, this.fileId, this.#state.records, plain);
    await this.handle.write(record, 0, record.length, this.#state.storedBytes);
    this.#state = {
      plainBytes: this.#state.plainBytes + plain.length,
      storedBytes: this.#state.storedBytes + record.length,
      records: this.#state.records + 1,
    };
  }
}

/**
 * Decrypts a file record by record. Each record is authenticated before any of it is yielded; a
 * file whose records do not add up to `expectedBytes` (when given) fails at the end.
 */
export async function* readDecrypted(
  path: string,
  key: Buffer,
  fileId: string,
  opts: { expectedBytes?: number; limitBytes?: number } = {},
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    let position = 0;
    let index = 0;
    let total = 0;
    const header = Buffer.alloc(HEADER);
    for (;;) {
      if (opts.limitBytes !== undefined && total >= opts.limitBytes) return;
      const { bytesRead } = await handle.read(header, 0, HEADER, position);
      if (bytesRead === 0) break;
      if (bytesRead < HEADER) throw new Error('encrypted file is truncated');
      const length = header.readUInt32BE(0);
      if (length > RECORD_BYTES) throw new Error('encrypted file record is malformed');
      const body = Buffer.alloc(length + TAG);
      const got = await handle.read(body, 0, body.length, position + HEADER);
      if (got.bytesRead < body.length) throw new Error('encrypted file is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(4, HEADER));
      decipher.setAAD(aad(fileId, index));
      decipher.setAuthTag(body.subarray(length));
      const plain = Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]);
      position += HEADER + body.length;
      index++;
      total += plain.length;
      yield plain;
    }
    if (opts.expectedBytes !== undefined && total !== opts.expectedBytes)
      throw new Error('encrypted file is truncated');
  } finally {
    await handle.close();
  }
}

/** The first `bytes` of plaintext, for content checks. */
export async function readHead(path: string, key: Buffer, fileId: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  for await (const plain of readDecrypted(path, key, fileId, { limitBytes: bytes })) {
    parts.push(plain);
    have += plain.length;
  }
  return Buffer.concat(parts, have).subarray(0, bytes);
}
