import { describe, expect, it } from 'vitest';
import { fakeDicom, makeDicom } from '../../../test/dicom-fixtures.js';
import { DicomError, parseDicom } from './dicom.js';

describe('DICOM header', () => {
  it('reads study date, modality and description in explicit VR, stepping over a sequence', () => {
    const file = makeDicom({ studyDate: '20240305', modality: 'MR', studyDescription: 'BRAIN W/O CONTRAST' });
    expect(parseDicom(file, true)).toMatchObject({
      transferSyntax: '1.2.840.10008.1.2.1',
      studyDate: '2024-03-05',
      modality: 'MR',
      studyDescription: 'BRAIN W/O CONTRAST',
    });
  });

  it('reads implicit VR little endian too', () => {
    const file = makeDicom({ studyDate: '20231130', modality: 'CT', studyDescription: 'CHEST', implicit: true });
    expect(parseDicom(file, true)).toMatchObject({
      studyDate: '2023-11-30',
      modality: 'CT',
      studyDescription: 'CHEST',
    });
  });

  it('leaves out what is missing or malformed, and never returns the patient name', () => {
    const summary = parseDicom(makeDicom({ studyDate: '20241399', modality: 'US' }), true);
    expect(summary).toEqual({
      transferSyntax: '1.2.840.10008.1.2.1',
      studyDate: null,
      modality: 'US',
      studyDescription: null,
    });
    expect(JSON.stringify(summary)).not.toContain('SYNTHETIC');
  });

  it('reads the header of a large study from its first part', () => {
    const file = makeDicom({ studyDate: '20240101', modality: 'CT', pixelBytes: 3_000_000 });
    expect(parseDicom(file.subarray(0, 4096), false).modality).toBe('CT');
  });

  it('refuses DICM followed by garbage, a missing marker, and a dataset cut short', () => {
    expect(() => parseDicom(fakeDicom(), true)).toThrow(DicomError);
    expect(() => parseDicom(Buffer.from('%PDF-1.7 not dicom'.padEnd(200, ' ')), true)).toThrow(DicomError);
    const whole = makeDicom({ studyDate: '20240101', modality: 'CT', studyDescription: 'LONG DESCRIPTION HERE' });
    expect(() => parseDicom(whole.subarray(0, whole.length - 30), true)).toThrow(DicomError);
  });
});
