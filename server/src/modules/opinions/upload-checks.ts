import { AppError } from '../../lib/errors.js';
import { sniffRecordFile, type RecordFileType } from '../../lib/sniff.js';
import { DicomError, parseDicom, type DicomSummary } from '../files/index.js';
import type { UploadLimits } from './service.js';

/** Enough to tell every allowed type apart (DICOM's marker sits at 128). */
export const SNIFF_BYTES = 132;
/** How much of a file is decrypted to read a DICOM header; the wanted fields come early. */
export const HEAD_BYTES = 1024 * 1024;

export interface CheckedContent {
  contentType: RecordFileType;
  dicom: DicomSummary | null;
}

const MB = (n: number) => Math.floor(n / (1024 * 1024));

function typeRefused(kind: 'executable' | null): AppError {
  return new AppError(
    'upload_type_not_allowed',
    415,
    kind === 'executable'
      ? 'This file is a program, not a medical record, whatever its name says. Send PDF, JPEG, PNG or DICOM files.'
      : 'This kind of file cannot be sent. Send PDF, JPEG, PNG or DICOM files.',
  );
}

function overLimit(type: RecordFileType, limits: UploadLimits): AppError {
  const limit = type === 'application/dicom' ? limits.maxDicomBytes : limits.maxFileBytes;
  return new AppError(
    'upload_too_large',
    413,
    type === 'application/dicom'
      ? `This DICOM file is larger than ${MB(limit)} MB.`
      : `This file is larger than ${MB(limit)} MB, the limit for documents and photos (DICOM studies may be up to ${MB(limits.maxDicomBytes)} MB).`,
  );
}

/**
 * Checked as soon as the first bytes arrive: a program or a PDF too large for its type is turned
 * away mid-stream, before the rest of it is sent and stored.
 */
export function earlyCheck(head: Buffer, declared: number, limits: UploadLimits): AppError | null {
  if (head.length < SNIFF_BYTES && head.length < declared) return null;
  const type = sniffRecordFile(head);
  if (type === 'executable') return typeRefused(type);
  // Under 132 bytes a DICOM marker cannot be seen yet; the full check at the end decides.
  if (type === null) return head.length >= SNIFF_BYTES ? typeRefused(null) : null;
  if (declared > (type === 'application/dicom' ? limits.maxDicomBytes : limits.maxFileBytes))
    return overLimit(type, limits);
  return null;
}

/** The full check once the last byte is in. Throws an AppError naming what is wrong. */
export function checkContent(head: Buffer, size: number, filename: string, limits: UploadLimits): CheckedContent {
  const type = sniffRecordFile(head);
  if (type === null || type === 'executable') throw typeRefused(type);
  if (size > (type === 'application/dicom' ? limits.maxDicomBytes : limits.maxFileBytes)) throw overLimit(type, limits);
  if (type !== 'application/dicom') {
    if (/\.(dcm|dicom)$/i.test(filename)) throw notDicom();
    return { contentType: type, dicom: null };
  }
  try {
    return { contentType: type, dicom: parseDicom(head, size <= head.length) };
  } catch (err) {
    if (err instanceof DicomError) throw notDicom();
    throw err;
  }
}

const notDicom = () =>
  new AppError(
    'dicom_invalid',
    422,
    'This file is named or marked as a DICOM study, but its contents are not valid DICOM. Export the study again from the imaging system or CD and resend it.',
  );
