import { defineModule } from '../../lib/module.js';
import type { JobService } from '../jobs/index.js';
import { FileRemovals } from './removals.js';
import { FileStore } from './store.js';

export { DicomError, parseDicom, type DicomSummary } from './dicom.js';

export { FileStore, loadKeyRing, loadMasterKey } from './store.js';
export { FileRemovals, PART_MAX_AGE_MS, REMOVE_FILES_JOB, SWEEP_PARTS_JOB } from './removals.js';
export { isSealedField, KeyRing, masterKeyId } from './keyring.js';
export { makeDicom } from './dicom-synthetic.js';
export type { AppendState, RecordAppender } from './crypto.js';

declare module '../../lib/module.js' {
  interface Services {
    /** The one encrypted file store: attachments, card photos, letters, second-opinion records. */
    files: FileStore;
    /** Removal, after a grace period, of stored files whose rows were deleted (decision 0063). */
    fileRemovals: FileRemovals;
  }
}

/** Encrypted files on disk; used by the modules that take uploads. No routes of its own. */
export const filesModule = defineModule({
  name: 'files',
  dependencies: ['jobs'],
  services: ({ config, services: { jobs } }) => {
    const files = new FileStore(config.files);
    return { files, fileRemovals: new FileRemovals(files, jobs as JobService, config.files.deleteGraceMs) };
  },
});
