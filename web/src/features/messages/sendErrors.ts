import type { TFunction } from 'i18next';
import { isApiError } from '../../app/api';

const FILE_CODES = ['attachment_type_not_allowed', 'attachment_too_large', 'too_many_attachments'] as const;
type FileCode = (typeof FILE_CODES)[number];

function isFileCode(code: string): code is FileCode {
  return (FILE_CODES as readonly string[]).includes(code);
}

/**
 * A refused file, in words the person can act on: the server's own sentence (it names the file
 * and what is allowed) for English readers, our translation of the code otherwise. Null when the
 * error is not about the files.
 */
export function fileProblem(t: TFunction, error: unknown, language: string | undefined): string | null {
  if (!isApiError(error) || !isFileCode(error.code)) return null;
  if (language === 'en' && error.detail) return error.detail;
  return t(`messages.errors.${error.code}`);
}
