import type { ErrorCode } from '@portico/contracts';
import type { TFunction } from 'i18next';
import { isApiError, type ClientErrorCode } from './api';

type KnownCode = ErrorCode | ClientErrorCode;

/** Every code the UI has its own words for (checked against the contract's code list). */
const KNOWN_CODES = [
  'validation_failed',
  'malformed_json',
  'body_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'account_locked',
  'sign_in_throttled',
  'local_password_disabled',
  'rate_limited',
  'email_not_verified',
  'email_taken',
  'activation_code_invalid',
  'token_invalid',
  'weak_password',
  'conflict',
  'internal_error',
  'network_error',
  'unexpected_response',
] as const satisfies readonly KnownCode[];

type TranslatedCode = (typeof KNOWN_CODES)[number];

export function isKnownCode(code: string): code is TranslatedCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
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
