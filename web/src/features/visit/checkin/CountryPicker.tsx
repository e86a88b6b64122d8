import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../app/forms/Field';
import { countryOptions } from '../places';

interface CountryPickerProps {
  formId: string;
  value: string;
  /** Countries to offer first: the address on file, then others the patient is likely in. */
  likely: readonly string[];
  error: string | undefined;
  onChange: (code: string) => void;
}

/** Letters without accents or case, so "sao" finds "São Tomé" and "cote" finds "Côte d'Ivoire". */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The country list (about 250) with the likely ones first, and a box that narrows the list as
 * one types; when only one country is left it is chosen. A plain select underneath, so it works
 * the same with a keyboard, a screen reader and a phone's own picker.
 */
export function CountryPicker({ formId, value, likely, error, onChange }: CountryPickerProps) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState('');
  const all = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const query = fold(typed.trim());
  const matches = query === '' ? all : all.filter((c) => fold(c.name).includes(query) || fold(c.code) === query);
  const first = likely
    .filter((code, i) => likely.indexOf(code) === i)
    .map((code) => matches.find((c) => c.code === code))
    .filter((c) => c !== undefined);
  const rest = matches.filter((c) => !first.includes(c));
  // The chosen country stays in the list even when the words typed no longer match it.
  const chosen = value && !matches.some((c) => c.code === value) ? all.find((c) => c.code === value) : undefined;
  return (
    <div className="vi-country">
      <TextField
        formId={formId}
        name="countrySearch"
        type="search"
        label={t('visit.checkIn.where.countrySearch')}
        hint={t('visit.checkIn.where.countrySearchHint')}
        autoComplete="off"
        value={typed}
        onChange={(event) => {
          setTyped(event.target.value);
          const q = fold(event.target.value.trim());
          const left = q === '' ? [] : all.filter((c) => fold(c.name).includes(q) || fold(c.code) === q);
          if (left.length === 1 && left[0]) onChange(left[0].code);
        }}
      />
      <p className="visually-hidden" aria-live="polite">
        {query === '' ? '' : t('visit.checkIn.where.countryMatches', { count: matches.length })}
      </p>
      <SelectField
        formId={formId}
        name="country"
        label={t('visit.checkIn.where.country')}
        value={value}
        error={error}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('common.choose')}</option>
        {chosen ? <option value={chosen.code}>{chosen.name}</option> : null}
        {first.length > 0 ? (
          <optgroup label={t('visit.checkIn.where.likely')}>
            {first.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {rest.length > 0 ? (
          <optgroup label={t('visit.checkIn.where.allCountries')}>
            {rest.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
    </div>
  );
}

/** Countries the patient is probably in: the address on file, the browser's regions, the US. */
export function likelyCountries(addressCountry: string | null | undefined, languages: readonly string[]): string[] {
  const regions = languages
    .map((tag) => {
      try {
        return new Intl.Locale(tag).maximize().region ?? null;
      } catch {
        return null;
      }
    })
    .filter((r): r is string => r !== null && /^[A-Z]{2}$/.test(r));
  const list = [...(addressCountry ? [addressCountry] : []), ...regions, 'US'];
  return list.filter((code, i) => list.indexOf(code) === i).slice(0, 5);
}
