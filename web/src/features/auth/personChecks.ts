import type { TFunction } from 'i18next';
import { isEmail, isPastDate } from '../../app/forms/validators';

/** Shared checks for the enrolment forms. Returns undefined when the value is fine. */
export const check = {
  required(
    t: TFunction,
    value: string,
    message: 'givenNameRequired' | 'familyNameRequired' | 'activationCodeRequired',
  ) {
    return value.trim() === '' ? t(`validation.${message}`) : undefined;
  },
  email(t: TFunction, value: string) {
    if (value.trim() === '') return t('validation.emailRequired');
    return isEmail(value) ? undefined : t('validation.invalid.email');
  },
  birthDate(t: TFunction, value: string) {
    if (value === '') return t('validation.birthDateRequired');
    return isPastDate(value) ? undefined : t('validation.invalid.birthDate');
  },
};

/** Drops undefined entries so the error object has only real problems. */
export function compact<F extends string>(errors: Partial<Record<F, string | undefined>>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const key of Object.keys(errors) as F[]) {
    const value = errors[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
