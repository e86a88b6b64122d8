import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
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

/**
 * Copies the stored files into `<backup>/files/`, hashing each as it is written. Stored files
 * never change once written (an upload becomes a file by an atomic rename), so a copy taken
 * after the database image holds every file that image refers to.
 */
export async function backupFiles(filesDir: string, backupDir: string): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const source of await walk(filesDir)) {
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
    await pipeline(createReadStream(source), tap, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
    entries.push({ path: `files/${rel}`, bytes, sha256: hash.digest('hex') });
  }
  return entries;
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
