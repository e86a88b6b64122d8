import { ErrorCodes, type ErrorCode } from '@portico/contracts';
import type { TFunction } from 'i18next';
import { isApiError, type ClientErrorCode } from './api';

type KnownCode = ErrorCode | ClientErrorCode;

/** The codes only the web app itself produces (the request never got a usable answer). */
export const CLIENT_CODES = ['network_error', 'unexpected_response'] as const satisfies readonly ClientErrorCode[];

/**
 * Every code has words in the catalogs (`errors.codes.<code>`, checked by errors.test.ts), so a
 * problem reads in the person's language; the server's English detail is only a fallback for a
 * code newer than this app.
 */
export function isKnownCode(code: string): code is KnownCode {
  return (ErrorCodes as readonly string[]).includes(code) || (CLIENT_CODES as readonly string[]).includes(code);
}

/**
 * The message to show for a failed request: our translation of its stable code, else the
 * server's detail, else a generic apology.
 */
export function messageForError(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.codes.internal_error');
  if (isKnownCode(error.code)) return t(`errors.codes.${error.code}`);
  return error.detail ?? t('errors.codes.internal_error');
}

const DETAIL_ADDS_FACTS = new Set(['account_locked', 'rate_limited', 'invalid_credentials']);

/**
 * The server's own detail when it adds facts our translation can't know: how long a lock
 * lasts, whom to call, how many tries are left. Repeats of the translated sentence are cut.
 */
export function extraDetail(t: TFunction, error: unknown): string | undefined {
  if (!isApiError(error) || !error.detail || !DETAIL_ADDS_FACTS.has(error.code)) return undefined;
  const base = messageForError(t, error);
  const rest = error.detail.startsWith(base) ? error.detail.slice(base.length).trim() : error.detail;
  return rest === '' ? undefined : rest;
}
