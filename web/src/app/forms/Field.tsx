import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './fieldId';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  showRequired?: boolean | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

/** What every field block takes besides its control's own attributes. */
interface FieldBlockProps {
  formId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /**
   * Marks the field as one that must be answered: a star after the label for the eye (hidden
   * from screen readers, which hear the control's required state instead) and `required` on the
   * control. Forms are noValidate, so the browser never blocks a submit over it.
   */
  showRequired?: boolean;
}

/** Label, hint and error around one control, tied together with aria-describedby. */
function FieldShell({ id, label, hint, error, showRequired, children }: FieldShellProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {showRequired ? (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
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

export interface TextFieldProps extends InputProps, FieldBlockProps {
  width?: 'full' | 'medium' | 'short';
}

export function TextField({
  formId,
  name,
  label,
  hint,
  error,
  showRequired,
  width = 'full',
  ...input
}: TextFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} showRequired={showRequired}>
      {(describedBy) => (
        <input
          {...input}
          required={showRequired || input.required}
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

export interface SelectFieldProps extends SelectProps, FieldBlockProps {
  children: ReactNode;
}

export function SelectField({ formId, name, label, hint, error, showRequired, children, ...select }: SelectFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} showRequired={showRequired}>
      {(describedBy) => (
        <select
          {...select}
          required={showRequired || select.required}
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

export interface TextAreaFieldProps extends TextAreaProps, FieldBlockProps {
  /**
   * The most characters the server takes. Unlike maxLength, text past it is kept (nothing is cut
   * without a word): a count shows from 90% of the limit, and says how many are too many.
   */
  limit?: number;
}

/** A multi-line answer laid out like TextField: label, hint, error, then the box. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { formId, name, label, hint, error, showRequired, rows = 3, limit, ...area } = props;
  const { t, i18n } = useTranslation();
  const id = fieldId(formId, name);
  const length = typeof area.value === 'string' ? area.value.length : 0;
  const showCount = limit !== undefined && length >= Math.floor(limit * 0.9);
  const over = limit !== undefined && length > limit;
  const countId = showCount ? `${id}-count` : undefined;
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} showRequired={showRequired}>
      {(describedBy) => (
        <>
          <textarea
            {...area}
            required={showRequired || area.required}
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
