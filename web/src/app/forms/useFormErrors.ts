import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { extraDetail, messageForError } from '../errors';
import { normalizeFieldPath } from './validators';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormErrorState<F extends string> {
  readonly fields: FieldErrors<F>;
  /** Messages that belong to no single field. */
  readonly general: readonly string[];
  /** Bumped on every failed submit, so the error summary takes focus again. */
  readonly attempt: number;
}

/** Fields that get their own translated "check this" message on validation_failed. */
const INVALID_MESSAGE_FIELDS = [
  'email',
  'password',
  'newPassword',
  'currentPassword',
  'birthDate',
  'givenName',
  'familyName',
  'activationCode',
  'phone',
  'organizationId',
  'role',
  'patientId',
  'userId',
  'from',
  'to',
  'preferredLanguage',
  'token',
  'addressLine1',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'addressCountry',
] as const;
type InvalidMessageField = (typeof INVALID_MESSAGE_FIELDS)[number];

function hasInvalidMessage(field: string): field is InvalidMessageField {
  return (INVALID_MESSAGE_FIELDS as readonly string[]).includes(field);
}

/** Which form field an error code is about when the server names none. */
const CODE_FIELDS: Record<string, readonly string[]> = {
  email_taken: ['email'],
  weak_password: ['password', 'newPassword'],
  activation_code_invalid: ['activationCode'],
};

const EMPTY = { fields: {}, general: [] } as const;

/**
 * Error state for one form: client-side checks and API problems both end up as per-field
 * messages plus general ones, shown beside the fields and in the error summary.
 */
export function useFormErrors<F extends string>(knownFields: readonly F[]) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<FormErrorState<F>>({ ...EMPTY, attempt: 0 });

  const fail = useCallback((fields: FieldErrors<F>, general: readonly string[] = []) => {
    setState((prev) => ({ fields, general, attempt: prev.attempt + 1 }));
  }, []);

  const clear = useCallback(() => {
    setState((prev) => ({ ...EMPTY, attempt: prev.attempt }));
  }, []);

  const failWith = useCallback(
    (error: unknown) => {
      const isKnown = (name: string): name is F => (knownFields as readonly string[]).includes(name);
      const fields: FieldErrors<F> = {};
      const general: string[] = [];
      // The server's field messages are written for people, in English: use them as they are
      // for English readers; other readers get our translation of the code.
      const serverSpeaksReader = i18n.resolvedLanguage === 'en';
      const fieldMessage = (code: string, name: F, serverMessage: string): string => {
        if (code === 'validation_failed') {
          return hasInvalidMessage(name) ? t(`validation.invalid.${name}`) : serverMessage;
        }
        return serverSpeaksReader ? serverMessage : messageForError(t, error);
      };
      if (isApiError(error)) {
        for (const fe of error.fieldErrors) {
          const name = normalizeFieldPath(fe.field);
          if (isKnown(name)) fields[name] ??= fieldMessage(error.code, name, fe.message);
          else general.push(fe.message);
        }
        const codeField = (CODE_FIELDS[error.code] ?? []).find(isKnown);
        if (Object.keys(fields).length === 0 && codeField !== undefined) {
          fields[codeField] = messageForError(t, error);
        }
      }
      if (Object.keys(fields).length === 0 && general.length === 0) {
        general.push(messageForError(t, error));
        const extra = extraDetail(t, error);
        if (extra) general.push(extra);
      }
      fail(fields, general);
    },
    [fail, knownFields, t, i18n],
  );

  return { errors: state, fail, failWith, clear };
}
