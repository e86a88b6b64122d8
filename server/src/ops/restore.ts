import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { latestMigration } from '../db/migrate.js';
import { PGLITE_IMAGE, POSTGRES_DUMP } from './backup.js';
import { OpsError } from './errors.js';
import { currentFileKey, previousFileKeys } from './file-key.js';
import { assertFilesDirEmpty, hasContent, restoreFiles } from './files.js';
import { readManifest, verifyEntries, type Manifest } from './manifest.js';
import { assertPostgresEmpty, restorePostgres } from './postgres.js';

export interface RestoreResult {
  manifest: Manifest;
  files: number;
  notes: string[];
}

/**
 * Restores a backup into an empty database (PGlite folder or PostgreSQL database) and an empty
 * files folder. Everything is checked before anything is written: the manifest's checksums, the
 * schema version against this code's migrations, the targets being empty, and the file key.
 * Older schemas are fine: the next start migrates them forward.
 */
export async function restore(config: Config, folder: string): Promise<RestoreResult> {
  const manifest = await readManifest(folder);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new OpsError(
      'usage',
      `This is a ${manifest.engine} backup, but Portico is configured for ${engine}${engine === 'postgres' ? ' (DATABASE_URL is set)' : ' (DATABASE_URL is not set)'}.`,
    );
  }
  const latest = await latestMigration();
  if (manifest.schemaVersion > latest.version) {
    throw new OpsError(
      'backup_schema_newer',
      `The backup's schema (${manifest.schemaName}) is newer than this Portico's migrations (latest ${latest.name}). Restore it with the Portico version that made it, or a newer one.`,
    );
  }
  await verifyEntries(folder, manifest.entries);

  if (engine === 'postgres' && config.databaseUrl) await assertPostgresEmpty(config.databaseUrl);
  if (engine === 'pglite') {
    if (config.dataDir.startsWith('memory://')) {
      throw new OpsError('usage', 'Set PORTICO_DATA_DIR to the (empty) folder to restore into.');
    }
    if (await hasContent(config.dataDir)) {
      throw new OpsError(
        'restore_target_not_empty',
        `The data folder ${config.dataDir} is not empty. Restore into an empty folder (PORTICO_DATA_DIR), then point Portico at it.`,
      );
    }
  }
  await assertFilesDirEmpty(config.files.dir);
  const notes: string[] = [];
  const vanished = manifest.vanished ?? [];
  if (vanished.some((path) => manifest.entries.some((e) => e.path === path))) {
    throw new OpsError('backup_checksum_mismatch', 'The manifest lists a file both as copied and as vanished.');
  }
  if (vanished.length > 0) {
    notes.push(
      `${vanished.length} stored file(s) were removed while this backup was made and are not in it (listed under "vanished" in its manifest): files past their deletion's grace period, which no row names, or bulk FHIR exports that ended meanwhile (start them again).`,
    );
  }
  const key = await currentFileKey(config.files);
  const readable = key ? [key.fingerprint, ...previousFileKeys(config.files)] : [];
  if (manifest.fileKey && key && !readable.includes(manifest.fileKey.fingerprint)) {
    throw new OpsError(
      'file_key_mismatch',
      `The configured file master key (${key.source}) is not the one the backup's files are sealed with; nothing was restored.`,
    );
  }
  if (manifest.fileKey && !key) {
    notes.push(
      `Put the file master key back before starting Portico: set PORTICO_FILE_MASTER_KEY, or copy the saved key file to ${config.files.keyFile} (mode 0600).`,
    );
  }

  if (engine === 'postgres' && config.databaseUrl) {
    await restorePostgres(config.databaseUrl, join(folder, POSTGRES_DUMP));
  } else {
    const template = new Blob([await readFile(join(folder, PGLITE_IMAGE))]);
    const database = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, template });
    await database.close();
  }
  const files = await restoreFiles(folder, manifest.entries, config.files.dir);
  return { manifest, files, notes };
}
