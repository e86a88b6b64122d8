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
  /**
   * The most characters the server takes. Unlike maxLength, text past it is kept (nothing is cut
   * without a word): a count shows from 90% of the limit, and says how many are too many.
   */
  limit?: number;
}

/** A multi-line answer laid out like TextField: label, hint, error, then the box. */
export function TextAreaField({ formId, name, label, hint, error, rows = 3, limit, ...area }: TextAreaFieldProps) {
  const { t, i18n } = useTranslation();
  const id = fieldId(formId, name);
  const length = typeof area.value === 'string' ? area.value.length : 0;
  const showCount = limit !== undefined && length >= Math.floor(limit * 0.9);
  const over = limit !== undefined && length > limit;
  const countId = showCount ? `${id}-count` : undefined;
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <>
          <textarea
            {...area}
            id={id}
            name={name}
            rows={rows}
            className="input textarea"
            aria-describedby={[describedBy, countId].filter(Boolean).join(' ') || undefined}
            aria-invalid={error ? true : undefined}
          />
          {showCount && limit !== undefined ? (
            <p id={countId} className={over ? 'field__count field__count--over' : 'field__count'}>
              {over
                ? t('forms.count.over', { count: length - limit, over: number(length - limit), limit: number(limit) })
                : t('forms.count.left', { count: limit - length, left: number(limit - length), limit: number(limit) })}
            </p>
          ) : null}
        </>
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
