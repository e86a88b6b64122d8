import type { TFunction } from 'i18next';
import { isLongEnoughPassword, PASSWORD_MIN_LENGTH } from '../../app/forms/validators';

export interface NewPasswordErrors {
  password?: string;
  confirmPassword?: string;
}

/** Client-side checks for a new password and its confirmation; the server has the last word. */
export function checkNewPassword(t: TFunction, password: string, confirm: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (password === '') errors.password = t('validation.newPasswordRequired');
  else if (!isLongEnoughPassword(password))
    errors.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  if (confirm === '') errors.confirmPassword = t('validation.confirmRequired');
  else if (password !== '' && confirm !== password) errors.confirmPassword = t('validation.passwordsDiffer');
  return errors;
}
