import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './fieldId';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error around one control, tied together with aria-describedby. */
function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
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
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className'>;

export interface TextFieldProps extends InputProps {
  formId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  width?: 'full' | 'medium' | 'short';
}

export function TextField({ formId, name, label, hint, error, width = 'full', ...input }: TextFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          {...input}
          id={id}
          name={name}
          className={`input input--${width}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'className'>;

export interface SelectFieldProps extends SelectProps {
  formId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

export function SelectField({ formId, name, label, hint, error, children, ...select }: SelectFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          {...select}
          id={id}
          name={name}
          className="input select"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'className'>;

export interface TextAreaFieldProps extends TextAreaProps {
  formId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A multi-line answer laid out like TextField: label, hint, error, then the box. */
export function TextAreaField({ formId, name, label, hint, error, rows = 3, ...area }: TextAreaFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          {...area}
          id={id}
          name={name}
          rows={rows}
          className="input textarea"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    </FieldShell>
  );
}

interface CheckboxProps {
  formId: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox({ formId, name, label, checked, onChange }: CheckboxProps) {
  const id = fieldId(formId, name);
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        className="checkbox__input"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="checkbox__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}
