import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../i18n';
import { COMMON_INTERPRETER_LANGUAGES, foldForSearch, interpreterLanguages } from '../i18n/languageNames';
import { SelectField, TextField } from './Field';

interface InterpreterQuestionProps {
  formId: string;
  /** The chosen language (ISO 639 code), '' for "no interpreter", null while not yet answered. */
  value: string | null;
  onChange: (value: string | null) => void;
  /** Languages to offer first (the patient's own, say), before the common ones. */
  likely?: readonly string[];
  error?: string | undefined;
}

/**
 * "Do you need an interpreter?" then, on yes, any language: a box that narrows the list as one
 * types (names in the reader's language from Intl.DisplayNames) over a plain select, so it works
 * the same with a keyboard, a screen reader and a phone's own picker.
 */
export function InterpreterQuestion({ formId, value, onChange, likely = [], error }: InterpreterQuestionProps) {
  const { t, i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const [typed, setTyped] = useState('');
  const [needed, setNeeded] = useState<boolean | null>(value === null ? null : value !== '');
  const all = useMemo(() => interpreterLanguages(locale, value || null), [locale, value]);
  const query = foldForSearch(typed.trim());
  const matches = query === '' ? all : all.filter((l) => foldForSearch(l.name).includes(query) || l.code === query);
  const firstCodes = [...likely, ...COMMON_INTERPRETER_LANGUAGES].filter((c, i, list) => list.indexOf(c) === i);
  const first = firstCodes.map((c) => matches.find((l) => l.code === c)).filter((l) => l !== undefined);
  const rest = matches.filter((l) => !first.includes(l));
  const chosen = value && !matches.some((l) => l.code === value) ? all.find((l) => l.code === value) : undefined;

  const answer = (yes: boolean) => {
    setNeeded(yes);
    onChange(yes ? (value ?? '') || (first[0]?.code ?? '') : '');
  };

  return (
    <fieldset className="radio-group" id={`${formId}-interpreter`} aria-describedby={`${formId}-interpreter-hint`}>
      <legend className="field__label">{t('interpreter.question')}</legend>
      <p className="field__hint" id={`${formId}-interpreter-hint`}>
        {t('interpreter.hint')}
      </p>
      {error ? <p className="field__error">{error}</p> : null}
      <label className="radio-choice">
        <input
          type="radio"
          name={`${formId}-interpreter-needed`}
          checked={needed === false}
          onChange={() => answer(false)}
        />
        {t('interpreter.no')}
      </label>
      <label className="radio-choice">
        <input
          type="radio"
          name={`${formId}-interpreter-needed`}
          checked={needed === true}
          onChange={() => answer(true)}
        />
        {t('interpreter.yes')}
      </label>
      {needed ? (
        <div className="interpreter-language">
          <TextField
            formId={formId}
            name="interpreterSearch"
            type="search"
            autoComplete="off"
            label={t('interpreter.search')}
            hint={t('interpreter.searchHint')}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              const q = foldForSearch(event.target.value.trim());
              const left = q === '' ? [] : all.filter((l) => foldForSearch(l.name).includes(q) || l.code === q);
              if (left.length === 1 && left[0]) onChange(left[0].code);
            }}
          />
          <p className="visually-hidden" aria-live="polite">
            {query === '' ? '' : t('interpreter.matches', { count: matches.length })}
          </p>
          <SelectField
            formId={formId}
            name="interpreterLanguage"
            label={t('interpreter.language')}
            value={value ?? ''}
            onChange={(event) => onChange(event.target.value)}
          >
            {chosen ? <option value={chosen.code}>{chosen.name}</option> : null}
            {first.length > 0 ? (
              <optgroup label={t('interpreter.common')}>
                {first.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {rest.length > 0 ? (
              <optgroup label={t('interpreter.all')}>
                {rest.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
        </div>
      ) : null}
    </fieldset>
  );
}
