import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OpsError } from './errors.js';
import type { ManifestEntry } from './manifest.js';

/** Kept beside the files when PORTICO_FILE_KEY is not set; never copied with them (see docs/operations.md). */
export const KEY_FILE = '.file-master-key';
/** Unfinished uploads: not yet records, dropped by the server after a day; not worth restoring. */
const SKIPPED_DIRS = new Set(['uploads']);

async function walk(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (dir === root && SKIPPED_DIRS.has(e.name)) continue;
      out.push(...(await walk(root, path)));
    } else if (e.isFile() && !(dir === root && e.name === KEY_FILE)) {
      out.push(path);
    }
  }
  return out.sort();
}

/** The stored files to copy, in a stable order (unfinished uploads and the key file left out). */
export function listFiles(filesDir: string): Promise<string[]> {
  return walk(filesDir);
}

/** A backup's files: what was copied, and what was listed but deleted before it could be copied. */
export interface BackedUpFiles {
  entries: ManifestEntry[];
  /** Backup paths (files/…) of files removed between the listing and their copy. */
  vanished: string[];
}

/**
 * Copies the stored files into `<backup>/files/`, hashing each as it is written. A stored file
 * never changes once written (an upload becomes a file by an atomic rename), and a file whose row
 * is deleted stays on disk for the grace period (PORTICO_FILE_DELETE_GRACE_DAYS, decision 0063),
 * so a copy taken after the database image holds every file that image refers to. A file
 * removed while the backup runs (its grace period ended: no row in the image names it) is skipped
 * and listed as vanished, not a failure.
 */
export async function backupFiles(filesDir: string, backupDir: string): Promise<BackedUpFiles> {
  return copyFiles(filesDir, backupDir, await listFiles(filesDir));
}

/** The copying half of `backupFiles`, for files listed earlier. */
export async function copyFiles(filesDir: string, backupDir: string, sources: string[]): Promise<BackedUpFiles> {
  const entries: ManifestEntry[] = [];
  const vanished: string[] = [];
  for (const source of sources) {
    const rel = relative(filesDir, source).split(sep).join('/');
    const target = join(backupDir, 'files', ...rel.split('/'));
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(source), tap, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || (await exists(source))) throw err;
      await rm(target, { force: true });
      vanished.push(`files/${rel}`);
      continue;
    }
    entries.push({ path: `files/${rel}`, bytes, sha256: hash.digest('hex') });
  }
  return { entries, vanished };
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** A files folder may receive a restore when it is missing, empty, or holds only the master key file. */
export async function assertFilesDirEmpty(filesDir: string): Promise<void> {
  const names = await readdir(filesDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const other = names.filter((n) => n !== KEY_FILE);
  if (other.length > 0) {
    throw new OpsError(
      'restore_target_not_empty',
      `The files folder ${filesDir} is not empty (${other.slice(0, 3).join(', ')}…). Restore into an empty folder (PORTICO_FILES_DIR).`,
    );
  }
}

/** Puts the backup's files (already verified) into the files folder. */
export async function restoreFiles(backupDir: string, entries: ManifestEntry[], filesDir: string): Promise<number> {
  let count = 0;
  for (const entry of entries) {
    if (!entry.path.startsWith('files/')) continue;
    const rel = entry.path.slice('files/'.length).split('/');
    if (rel.some((part) => part === '..' || part === '')) {
      throw new OpsError('backup_checksum_mismatch', `The manifest names an unsafe path: ${entry.path}`);
    }
    const target = join(filesDir, ...rel);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(join(backupDir, ...entry.path.split('/')), target);
    count++;
  }
  return count;
}

/** True when `path` is a folder with something in it. */
export async function hasContent(path: string): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  if (!s) return false;
  if (!s.isDirectory()) return true;
  return (await readdir(path)).length > 0;
}
