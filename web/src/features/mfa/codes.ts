import type { TFunction } from 'i18next';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';

const MFA_CODES = [
  'mfa_code_invalid',
  'mfa_factor_locked',
  'mfa_sign_in_expired',
  'mfa_already_enrolled',
  'mfa_not_enrolled',
  'step_up_required',
  'invalid_credentials',
] as const;

/** Our words for the second-factor problems; anything else as the app says it. */
export function mfaError(t: TFunction, error: unknown): string {
  if (isApiError(error) && (MFA_CODES as readonly string[]).includes(error.code)) {
    return t(`mfa.errors.${error.code as (typeof MFA_CODES)[number]}`);
  }
  return messageForError(t, error);
}

/** Recovery codes as a plain text file the person keeps. */
export function downloadCodes(codes: readonly string[], heading: string): void {
  const blob = new Blob([`${heading}\n\n${codes.join('\n')}\n`], { type: 'text/plain' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'portico-recovery-codes.txt';
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
