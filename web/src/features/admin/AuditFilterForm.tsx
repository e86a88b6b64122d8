import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { compact } from '../auth';
import { looksLikeMrn, parseMrn } from '@portico/contracts';

const FORM = 'audit-filter';
export const AUDIT_FIELDS = ['patient', 'user', 'from', 'to'] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];
/** Filters as typed: a patient's name or MRN, a user's name or email, and local date-times from datetime-local inputs. */
export type AuditFormValues = Record<AuditField, string>;

interface AuditFilterFormProps {
  initial: AuditFormValues;
  onApply: (values: AuditFormValues) => void;
}

export function AuditFilterForm({ initial, onApply }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const { values, set } = useFormValues(initial);
  const { errors, fail, clear } = useFormErrors(AUDIT_FIELDS);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed: AuditFormValues = {
      patient: values.patient.trim(),
      user: values.user.trim(),
      from: values.from,
      to: values.to,
    };
    const mrn = looksLikeMrn(trimmed.patient) ? parseMrn(trimmed.patient) : null;
    const problems = compact<AuditField>({
      patient: mrn && !mrn.ok ? t('admin.audit.mrnInvalid') : undefined,
      // Punctuation alone names no one (the server says the same).
      user: trimmed.user && !/[\p{L}\p{N}]/u.test(trimmed.user) ? t('validation.invalid.user') : undefined,
      to: trimmed.from && trimmed.to && trimmed.to < trimmed.from ? t('validation.toBeforeFrom') : undefined,
    });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    onApply(trimmed);
  };

  const textField = (name: 'patient' | 'user') => (
    <TextField
      formId={FORM}
      name={name}
      label={t(`admin.audit.${name}`)}
      hint={t(`admin.audit.${name}Hint`)}
      autoComplete="off"
      spellCheck={false}
      autoCapitalize="none"
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      error={errors.fields[name]}
    />
  );
  const timeField = (name: 'from' | 'to') => (
    <TextField
      formId={FORM}
      name={name}
      label={t(`admin.audit.${name}`)}
      type="datetime-local"
      width="medium"
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      error={errors.fields[name]}
    />
  );

  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={AUDIT_FIELDS} />
      <form className="filters" role="search" aria-label={t('admin.audit.filtersLabel')} onSubmit={onSubmit} noValidate>
        {textField('patient')}
        {textField('user')}
        {timeField('from')}
        {timeField('to')}
        <button type="submit" className="button">
          {t('admin.audit.apply')}
        </button>
      </form>
    </>
  );
}
