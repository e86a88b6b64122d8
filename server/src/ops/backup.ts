import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { imageOf, requestImage } from './backup-socket.js';
import { OpsError } from './errors.js';
import { currentFileKey } from './file-key.js';
import { backupFiles, hasContent } from './files.js';
import { MANIFEST_FORMAT, sha256File, writeManifest, type Manifest } from './manifest.js';
import { dumpPostgres } from './postgres.js';

export const PGLITE_IMAGE = 'database.tar.gz';
export const POSTGRES_DUMP = 'database.dump';

export interface BackupResult {
  manifest: Manifest;
  /** Things the operator must act on, e.g. the master key that is deliberately not in the backup. */
  notes: string[];
}

/** The embedded database's image: from the running Portico if there is one, else straight from the folder. */
async function pgliteImage(dataDir: string): Promise<Awaited<ReturnType<typeof imageOf>> & { method: string }> {
  const remote = await requestImage(dataDir);
  if (remote) return { ...remote, method: 'PGlite image from the running Portico (backup socket)' };
  // Opening a folder that holds no database would make a new, empty one: refuse instead.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new OpsError(
      'usage',
      `There is no embedded database in ${dataDir}: set PORTICO_DATA_DIR as Portico runs with it.`,
    );
  }
  const database = await openDatabase({ databaseUrl: null, dataDir });
  try {
    return { ...(await imageOf(database)), method: 'PGlite image (Portico was not running)' };
  } finally {
    await database.close();
  }
}

/**
 * A backup into `folder` (which must be new or empty): the database first, then the stored files,
 * then the manifest with every checksum. Stored files are never changed, and one whose row is
 * deleted stays on disk for the grace period (decision 0063), so every file the database copy
 * refers to is in the files copy; one removed while the backup runs is listed as vanished.
 */
export async function backup(config: Config, folder: string): Promise<BackupResult> {
  if (!config.databaseUrl && config.dataDir.startsWith('memory://')) {
    throw new OpsError('usage', 'An in-memory database (PORTICO_DATA_DIR=memory://) cannot be backed up.');
  }
  if (await hasContent(folder)) {
    throw new OpsError('backup_target_not_empty', `${folder} is not empty: give a new folder for each backup.`);
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    return await backupInto(config, folder);
  } catch (err) {
    // A folder without a manifest is no backup: leave nothing that could be mistaken for one.
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
}

async function backupInto(config: Config, folder: string): Promise<BackupResult> {
  const createdAt = new Date().toISOString();

  const dbStarted = performance.now();
  let db: { file: string; schemaVersion: string; schemaName: string; method: string };
  if (config.databaseUrl) {
    db = { file: POSTGRES_DUMP, ...(await dumpPostgres(config.databaseUrl, join(folder, POSTGRES_DUMP))) };
  } else {
    const { image, ...rest } = await pgliteImage(config.dataDir);
    await writeFile(join(folder, PGLITE_IMAGE), image, { mode: 0o600, flag: 'wx' });
    db = { file: PGLITE_IMAGE, ...rest };
  }
  const databaseMs = Math.round(performance.now() - dbStarted);

  const filesStarted = performance.now();
  const files = await backupFiles(config.files.dir, folder);
  const filesMs = Math.round(performance.now() - filesStarted);

  const fileKey = await currentFileKey(config.files);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    createdAt,
    engine: config.databaseUrl ? 'postgres' : 'pglite',
    schemaVersion: db.schemaVersion,
    schemaName: db.schemaName,
    method: db.method,
    entries: [{ path: db.file, ...(await sha256File(join(folder, db.file))) }, ...files.entries],
    ...(files.vanished.length > 0 ? { vanished: files.vanished } : {}),
    fileKey,
    timings: { databaseMs, filesMs },
  };
  await writeManifest(folder, manifest);
  const notes: string[] = [];
  if (files.vanished.length > 0) {
    notes.push(
      `${files.vanished.length} stored file(s) were removed while the backup ran and are listed under "vanished" in the manifest: files whose deletion's grace period ended (no row of the database copy names them) or bulk FHIR exports that expired or were cancelled meanwhile.`,
    );
  }
  if (fileKey?.source === 'key file') {
    notes.push(
      `The file master key (${config.files.keyFile}) is NOT in this backup, on purpose. Keep a copy of it somewhere else (a password manager or secrets vault): without it the stored files cannot be read.`,
    );
  } else if (fileKey) {
    notes.push(
      'The files are sealed with PORTICO_FILE_MASTER_KEY; keep that key in your secrets store, apart from this backup.',
    );
  }
  return { manifest, notes };
}
