import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../app/forms/fieldId';

interface ErrorLineProps {
  id: string;
  error: string | undefined;
}

function ErrorLine({ id, error }: ErrorLineProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
      {error}
    </p>
  );
}

const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface CheckFieldProps {
  formId: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox with an optional hint and error, tied to it for screen readers. */
export function CheckField({ formId, name, label, hint, error, checked, onChange }: CheckFieldProps) {
  const id = fieldId(formId, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <ErrorLine id={`${id}-error`} error={error} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={name}
          className="checkbox__input"
          checked={checked}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint ? (
        <div className="field__hint vi-check-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'className'>;

interface TextAreaFieldProps extends AreaProps {
  formId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A multi-line field laid out like the shared TextField. */
export function TextAreaField({ formId, name, label, hint, error, rows = 4, ...area }: TextAreaFieldProps) {
  const id = fieldId(formId, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <ErrorLine id={`${id}-error`} error={error} />
      <textarea
        {...area}
        id={id}
        name={name}
        rows={rows}
        className="input vi-textarea"
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
