import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../../app/forms/fieldId';

export interface CheckboxOption {
  value: string;
  label: string;
}

interface CheckboxGroupProps {
  formId: string;
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}

/** Several checkboxes under one legend; the first box carries the field id the error summary links to. */
export function CheckboxGroup({ formId, name, legend, hint, error, options, selected, onChange }: CheckboxGroupProps) {
  const { t } = useTranslation();
  const base = fieldId(formId, name);
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  return (
    <fieldset
      className={error ? 'sa-fieldset field--error' : 'sa-fieldset'}
      aria-describedby={
        [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <div className="field__hint" id={`${base}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={`${base}-error`}>
          <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
          {error}
        </p>
      ) : null}
      <div className="sa-checks">
        {options.map((option, i) => {
          const id = i === 0 ? base : `${base}-${option.value}`;
          return (
            <div className="checkbox sa-check" key={option.value}>
              <input
                type="checkbox"
                id={id}
                name={name}
                value={option.value}
                className="checkbox__input"
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label className="checkbox__label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
