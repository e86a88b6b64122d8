import { defineModule } from '../../lib/module.js';
import { FileStore } from './store.js';

export { DicomError, parseDicom, type DicomSummary } from './dicom.js';

export { FileStore, loadKeyRing, loadMasterKey } from './store.js';
export { isSealedField, KeyRing, masterKeyId } from './keyring.js';
export { makeDicom } from './dicom-synthetic.js';
export type { AppendState, RecordAppender } from './crypto.js';

declare module '../../lib/module.js' {
  interface Services {
    /** The one encrypted file store: attachments, card photos, letters, second-opinion records. */
    files: FileStore;
  }
}

/** Encrypted files on disk; used by the modules that take uploads. No routes of its own. */
export const filesModule = defineModule({
  name: 'files',
  dependencies: [],
  services: ({ config }) => ({ files: new FileStore(config.files) }),
});
