import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { ConfigError, base64Key, int, str, type Env } from './env.js';

export interface FilesConfig {
  /** Encrypted files and unfinished uploads live here. */
  dir: string;
  /**
   * The master key that wraps each file's own key (PORTICO_FILE_MASTER_KEY). When null the key is
   * read from `keyFile`, made there once (0600) if missing.
   */
  masterKey: FileMasterKey | null;
  /** PORTICO_FILE_MASTER_KEY_FILE, or (dev/demo only) `dir/.file-master-key`. */
  keyFile: string;
  /** True when no key was configured and the dev/demo key file beside the files is used (warned at start). */
  generatedKey: boolean;
  /** Earlier master keys still accepted for reading while `npm run keys:rotate` re-wraps (PORTICO_FILE_MASTER_KEY_PREVIOUS). */
  previousKeys: FileMasterKey[];
  /** Largest DICOM study file, and largest of any other file (PDF, image). */
  maxDicomBytes: number;
  maxFileBytes: number;
  /**
   * How long a stored file outlives its deleted row (PORTICO_FILE_DELETE_GRACE_DAYS, 35): longer
   * than the backup and point-in-time-recovery window, so a database restored from before the
   * delete still finds the file (docs/decisions/0063).
   */
  deleteGraceMs: number;
}

/** The 32-byte file master key, held privately so it never reaches JSON, util.inspect or a log line. */
export class FileMasterKey {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    this.#key = key;
  }
  get bytes(): Buffer {
    return this.#key;
  }
}

/** Is `path` inside `folder` (or the folder itself)? */
function inside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folders a backup or a stolen disk image carries together: the database folder, the files
 * folder, and the folder holding both (./data by default) unless that is the working, home or root folder.
 */
function dataFolders(dataDir: string, filesDir: string): string[] {
  const folders = [filesDir];
  if (dataDir !== 'memory://') {
    folders.push(dataDir);
    let common = resolve(dataDir);
    while (!inside(filesDir, common)) common = dirname(common);
    if (![resolve('.'), homedir(), parse(common).root].includes(common)) folders.push(common);
  }
  return folders;
}

/**
 * Uploaded records (docs/decisions/0033): where they live, the keys that encrypt them, and how
 * large they may be. In production the master key may not sit inside the data it protects.
 */
export function filesConfig(env: Env, dataDir: string): FilesConfig {
  // PORTICO_FILE_KEY is the name before 0033; still read so existing installs keep their key.
  const named = str(env, 'PORTICO_FILE_MASTER_KEY', '').trim() !== '' ? 'PORTICO_FILE_MASTER_KEY' : 'PORTICO_FILE_KEY';
  const raw = str(env, named, '').trim();
  const masterKey = raw === '' ? null : new FileMasterKey(base64Key(named, raw));
  const previousKeys = str(env, 'PORTICO_FILE_MASTER_KEY_PREVIOUS', '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => new FileMasterKey(base64Key('PORTICO_FILE_MASTER_KEY_PREVIOUS', k)));
  const maxFileBytes = int(env, 'PORTICO_UPLOAD_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
  // An in-memory database (tests, demos) keeps its files in a temporary folder, not in ./data.
  const dir = str(
    env,
    'PORTICO_FILES_DIR',
    dataDir === 'memory://' ? join(tmpdir(), `portico-files-${process.pid}`) : './data/files',
  );
  const explicitFile = str(env, 'PORTICO_FILE_MASTER_KEY_FILE', '').trim();
  const keyFile = explicitFile === '' ? join(dir, '.file-master-key') : explicitFile;
  if (masterKey === null && env.NODE_ENV === 'production') {
    const folder = dataFolders(dataDir, dir).find((f) => inside(keyFile, f));
    if (folder !== undefined) {
      throw new ConfigError(
        explicitFile === '' ? 'PORTICO_FILE_MASTER_KEY' : 'PORTICO_FILE_MASTER_KEY_FILE',
        `the file master key would be kept in ${resolve(keyFile)}, inside the data folder ${resolve(folder)}: a copy of the data would carry its own key. Set PORTICO_FILE_MASTER_KEY, or PORTICO_FILE_MASTER_KEY_FILE to a file outside the data folder (docs/operations.md)`,
      );
    }
  }
  return {
    dir,
    masterKey,
    keyFile,
    generatedKey: masterKey === null && explicitFile === '',
    previousKeys,
    maxDicomBytes: int(env, 'PORTICO_DICOM_MAX_BYTES', 200 * 1024 * 1024, maxFileBytes, 4 * 1024 * 1024 * 1024),
    maxFileBytes,
    deleteGraceMs: int(env, 'PORTICO_FILE_DELETE_GRACE_DAYS', 35, 1, 3650) * 24 * 3600_000,
  };
}
