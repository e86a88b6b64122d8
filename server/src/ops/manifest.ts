import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpsError } from './errors.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'portico-backup/1';

/** One file of a backup, by its path inside the backup folder (always with forward slashes). */
export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * What a backup holds. Written last: a folder without a manifest is an unfinished backup.
 * `schemaVersion` is the last migration applied to the database when it was copied.
 */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  schemaVersion: string;
  schemaName: string;
  /** How the database was copied, for the person reading the manifest. */
  method: string;
  /** The database image, then every stored file (under files/). */
  entries: ManifestEntry[];
  /**
   * Stored files listed for the copy but removed before it was made (their deletion's grace period
   * ended while the backup ran): not in the backup, and named by no row of its database.
   */
  vanished?: string[];
  /** Which master key the files are sealed with: never the key, only a fingerprint to compare. */
  fileKey: { source: 'PORTICO_FILE_KEY' | 'key file'; fingerprint: string } | null;
  /** Milliseconds the database copy and the files copy took. */
  timings: { databaseMs: number; filesMs: number };
}

/** SHA-256 of a file, streamed so large DICOM studies never sit in memory. */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A fingerprint that identifies a master key without revealing anything about it. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('portico-file-master-key:').update(key).digest('hex').slice(0, 32);
}

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  await writeFile(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(folder: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new OpsError(
      'backup_not_found',
      `${join(folder, MANIFEST_FILE)} is missing: this is not a finished Portico backup.`,
    );
  }
  const parsed = JSON.parse(text) as Partial<Manifest>;
  if (parsed.format !== MANIFEST_FORMAT || !Array.isArray(parsed.entries) || typeof parsed.schemaVersion !== 'string') {
    throw new OpsError('backup_not_found', `${join(folder, MANIFEST_FILE)} is not a ${MANIFEST_FORMAT} manifest.`);
  }
  return parsed as Manifest;
}

/** Checks every file of a backup against its manifest before anything is restored. */
export async function verifyEntries(folder: string, entries: ManifestEntry[]): Promise<void> {
  const bad: string[] = [];
  for (const entry of entries) {
    const actual = await sha256File(join(folder, ...entry.path.split('/'))).catch(() => null);
    if (!actual) bad.push(`${entry.path} (missing)`);
    else if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) bad.push(`${entry.path} (checksum)`);
  }
  if (bad.length > 0) {
    throw new OpsError(
      'backup_checksum_mismatch',
      `The backup is damaged; nothing was restored. ${bad.length} file(s) do not match the manifest: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`,
    );
  }
}
