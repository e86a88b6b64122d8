/** The DICOM generator lives with the server code (the demo data uses it too); tests import it from here. */
export { makeDicom, type SyntheticDicom as DicomFixture } from '../src/modules/files/dicom-synthetic.js';

/** "DICM" in the right place, then nonsense: must be refused as not DICOM. */
export function fakeDicom(): Buffer {
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    Buffer.from('this is not a dicom dataset at all!'),
  ]);
}
