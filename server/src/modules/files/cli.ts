import type { Kysely } from 'kysely';
import type { FilesConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { describeReport, encryptExisting, rotateKeys } from './at-rest.js';
import { FileStore } from './store.js';

type Out = { write(text: string): unknown };

/**
 * `npm run keys:rotate`: run with the NEW key in PORTICO_FILE_MASTER_KEY (or its key file) and the
 * old one in PORTICO_FILE_MASTER_KEY_PREVIOUS. Re-wraps per-file keys only; no file body is
 * rewritten. 0 when everything is under the new key, 1 when some rows could not be opened.
 */
export async function keysRotateCommand(db: Kysely<Database>, config: FilesConfig, out: Out): Promise<number> {
  const store = new FileStore(config);
  const report = await rotateKeys(db, store.keys);
  out.write(describeReport(`Re-wrapped under master key ${store.keys.currentId}`, report));
  if (report.failed.length === 0) {
    out.write(
      config.previousKeys.length > 0
        ? 'Everything is under the current master key; PORTICO_FILE_MASTER_KEY_PREVIOUS can now be removed.\n'
        : 'Everything is under the current master key.\n',
    );
  }
  return report.failed.length === 0 ? 0 : 1;
}

/** `npm run files:encrypt`: seals files and identifiers stored before encryption at rest (0030). */
export async function filesEncryptCommand(db: Kysely<Database>, config: FilesConfig, out: Out): Promise<number> {
  const store = new FileStore(config);
  const report = await encryptExisting(db, store);
  out.write(describeReport('Sealed what was stored in plain form', report));
  return report.failed.length === 0 ? 0 : 1;
}
