import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilesConfig } from '../../config.js';
import { newDataKey, readDecrypted, readHead, RecordAppender, unwrapDataKey, type AppendState } from './crypto.js';

const KEY_FILE = '.file-master-key';

/**
 * The master key: from PORTICO_FILE_KEY, or (demo, development) made once and kept beside the files
 * with owner-only permissions. Read on first use, so an app that never stores a file never makes one.
 */
export function loadMasterKey(config: FilesConfig): Buffer {
  if (config.masterKey) return config.masterKey.bytes;
  mkdirSync(config.dir, { recursive: true, mode: 0o700 });
  const path = join(config.dir, KEY_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
  return key;
}

/**
 * Encrypted files on disk. Unfinished uploads live under uploads/, finished files under objects/;
 * a file moves across only after its content was checked, so nothing half-received is ever served.
 */
export class FileStore {
  #master: Buffer | null = null;

  constructor(readonly config: FilesConfig) {}

  private get master(): Buffer {
    this.#master ??= loadMasterKey(this.config);
    return this.#master;
  }

  newKey(): string {
    return newDataKey(this.master).wrapped;
  }

  private key(wrapped: string): Buffer {
    return unwrapDataKey(this.master, wrapped);
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
