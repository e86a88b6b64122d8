import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilesConfig } from '../../config.js';
import { readDecrypted, readHead, RecordAppender, type AppendState } from './crypto.js';
import { KeyRing } from './keyring.js';

/**
 * The master key: PORTICO_FILE_MASTER_KEY, or the key file (PORTICO_FILE_MASTER_KEY_FILE; in
 * dev/demo `.file-master-key` beside the files), made once with owner-only permissions when missing.
 * Read on first use, so an app that never stores a file never makes one.
 */
export function loadMasterKey(config: FilesConfig): Buffer {
  if (config.masterKey) return config.masterKey.bytes;
  const path = config.keyFile;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
  return key;
}

/** The current master key and any previous ones still accepted while a rotation runs. */
export function loadKeyRing(config: FilesConfig): KeyRing {
  return new KeyRing(
    loadMasterKey(config),
    config.previousKeys.map((k) => k.bytes),
  );
}

/**
 * Encrypted files on disk. Unfinished uploads live under uploads/, finished files under objects/;
 * a file moves across only after its content was checked, so nothing half-received is ever served.
 */
export class FileStore {
  #keys: KeyRing | null = null;

  constructor(readonly config: FilesConfig) {}

  /** The master keys, read on first use. */
  get keys(): KeyRing {
    this.#keys ??= loadKeyRing(this.config);
    return this.#keys;
  }

  /** Field-level encryption of short identifiers, under a key derived from the same master key. */
  readonly fields = {
    seal: (column: string, plain: string): string => this.keys.sealField(column, plain),
    open: (column: string, stored: string): string => this.keys.openField(column, stored),
  };

  newKey(): string {
    return this.keys.newDataKey().wrapped;
  }

  private key(wrapped: string): Buffer {
    return this.keys.unwrap(wrapped);
  }

  partPath(id: string): string {
    return join(this.config.dir, 'uploads', `${id}.part`);
  }

  objectPath(id: string): string {
    return join(this.config.dir, 'objects', id.slice(0, 2), `${id}.enc`);
  }

  async appender(id: string, wrapped: string, start: AppendState): Promise<RecordAppender> {
    await mkdir(join(this.config.dir, 'uploads'), { recursive: true, mode: 0o700 });
    return RecordAppender.open(this.partPath(id), this.key(wrapped), id, start);
  }

  /** Plaintext head of an unfinished upload, for the content check. */
  partHead(id: string, wrapped: string, bytes: number): Promise<Buffer> {
    return readHead(this.partPath(id), this.key(wrapped), id, bytes);
  }

  partChunks(id: string, wrapped: string, expectedBytes: number): AsyncGenerator<Buffer> {
    return readDecrypted(this.partPath(id), this.key(wrapped), id, { expectedBytes });
  }

  /** Makes a checked upload a stored file (same encryption; the id stays bound into each record). */
  async promote(id: string): Promise<void> {
    const target = this.objectPath(id);
    await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
    await rename(this.partPath(id), target);
  }

  async discardPart(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
  }

  /**
   * Seals a small file (a message attachment, a card photo, a letter) in one go and stores it under
   * `id`; returns the wrapped key to keep in the file's row. Written beside and renamed into place,
   * so a crash never leaves half a file under the id. Without the row the file is unreadable
   * noise, so storing before the row's transaction is safe; `remove` tidies up when it rolls back.
   */
  async put(id: string, bytes: Buffer): Promise<string> {
    const wrapped = this.newKey();
    try {
      const appender = await this.appender(id, wrapped, { plainBytes: 0, storedBytes: 0, records: 0 });
      try {
        await appender.write(bytes);
      } finally {
        await appender.close();
      }
      await this.promote(id);
    } catch (err) {
      // A full disk (ENOSPC) or any other failure: no half-written part stays behind.
      await this.discardPart(id).catch(() => undefined);
      throw err;
    }
    return wrapped;
  }

  /**
   * Removes unfinished uploads older than `maxAgeMs` (by last write): parts a crash left behind
   * mid-`put`, or a resumable upload whose row is long gone. Anything written to within the age
   * is left alone, so a part being written is never touched. Returns how many were removed.
   */
  async sweepParts(now: Date, maxAgeMs: number): Promise<number> {
    const dir = join(this.config.dir, 'uploads');
    const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (!info?.isFile() || now.getTime() - info.mtimeMs <= maxAgeMs) continue;
      await rm(join(dir, name), { force: true });
      removed++;
    }
    return removed;
  }

  /** A small stored file, whole. */
  async get(id: string, wrapped: string, sizeBytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const p of readDecrypted(this.objectPath(id), this.key(wrapped), id, { expectedBytes: sizeBytes }))
      parts.push(p);
    return Buffer.concat(parts);
  }

  /**
   * Removes stored files at once; missing ones are fine. Only for files no committed row ever named
   * (a rolled-back write): a file whose row is deleted goes later, through FileRemovals, so backups
   * and a point-in-time recovery from before the delete still find it.
   */
  async remove(...ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => rm(this.objectPath(id), { force: true })));
  }

  /** Where a bulk export's NDJSON file is written, encrypted, as the export goes (docs/decisions/0034). */
  exportPath(id: string): string {
    return join(this.config.dir, 'exports', `${id}.ndjson.enc`);
  }

  /** Appends to an export file from its last committed state (cutting off anything after it). */
  async exportAppender(id: string, wrapped: string, start: AppendState): Promise<RecordAppender> {
    await mkdir(join(this.config.dir, 'exports'), { recursive: true, mode: 0o700 });
    return RecordAppender.open(this.exportPath(id), this.key(wrapped), id, start);
  }

  /** An export file, decrypted as it is sent. */
  readExport(id: string, wrapped: string, plainBytes: number): Readable {
    return Readable.from(readDecrypted(this.exportPath(id), this.key(wrapped), id, { expectedBytes: plainBytes }));
  }

  async removeExport(id: string): Promise<void> {
    await rm(this.exportPath(id), { force: true });
  }

  /** A stored file, decrypted as it is sent. */
  readObject(id: string, wrapped: string, sizeBytes: number): Readable {
    return Readable.from(readDecrypted(this.objectPath(id), this.key(wrapped), id, { expectedBytes: sizeBytes }));
  }
}
