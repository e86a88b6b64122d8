import type { TFunction } from 'i18next';
import { MESSAGE_BODY_MAX } from '@portico/contracts';
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

/** The field message for a text over the limit: by how much, and what to do. The text is kept. */
export function tooLong(t: TFunction, language: string, text: string): string {
  const over = text.length - MESSAGE_BODY_MAX;
  return t('messages.validation.tooLong', {
    count: over,
    over: over.toLocaleString(language),
    limit: MESSAGE_BODY_MAX.toLocaleString(language),
  });
}
