import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { languageName } from '../../app/ui/format';
import { PATIENT_LANGUAGES } from '../staff';
import { useSaveSection } from './useSaveSection';

const FORM = 'pf-language';
const FIELDS = ['preferredLanguage'] as const;

/** The language the care team writes and speaks in (not the language of these pages). */
export function LanguageSection({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState(profile.preferredLanguage);
  const { errors, save, said, pending } = useSaveSection(FIELDS);
  // A language staff recorded that is not in our list still shows as chosen.
  const choices = PATIENT_LANGUAGES.includes(profile.preferredLanguage as (typeof PATIENT_LANGUAGES)[number])
    ? PATIENT_LANGUAGES
    : [profile.preferredLanguage, ...PATIENT_LANGUAGES];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save({}, { preferredLanguage: language });
  };

  return (
    <section className="section pf-section" aria-labelledby="pf-language-title">
      <h2 id="pf-language-title">{t('profile.language.title')}</h2>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="pf-language-title">
        <SelectField
          formId={FORM}
          name="preferredLanguage"
          label={t('profile.language.label')}
          hint={t('profile.language.hint')}
          value={language}
          error={errors.fields.preferredLanguage}
          onChange={(e) => setLanguage(e.target.value)}
        >
          {choices.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={pending}>{t('profile.language.submit')}</SubmitButton>
        <p className="pf-saved" role="status">
          {said}
        </p>
      </form>
    </section>
  );
}
