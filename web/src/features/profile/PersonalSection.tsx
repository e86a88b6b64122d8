import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdministrativeSex, Profile } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { formatDate, telHref } from '../../app/ui/format';
import { isOneOf, SEXES } from './labels';
import { useSaveSection } from './useSaveSection';

const FORM = 'pf-personal';
const FIELDS = ['preferredName', 'pronouns', 'sex'] as const;

/** Legal name and birth date (read-only: registration changes them), and the names the person goes by. */
export function PersonalSection({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const [preferredName, setPreferredName] = useState(profile.preferredName ?? '');
  const [pronouns, setPronouns] = useState(profile.pronouns ?? '');
  const [sex, setSex] = useState<AdministrativeSex | ''>(profile.sex ?? '');
  const { errors, save, said, pending } = useSaveSection(FIELDS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save({}, { preferredName: preferredName.trim() || null, pronouns: pronouns.trim() || null, sex: sex || null });
  };

  return (
    <section className="section pf-section" aria-labelledby="pf-personal-title">
      <h2 id="pf-personal-title">{t('profile.personal.title')}</h2>
      <dl className="details">
        <div>
          <dt>{t('profile.personal.legalName')}</dt>
          <dd>{`${profile.givenName} ${profile.familyName}`}</dd>
        </div>
        <div>
          <dt>{t('profile.personal.birthDate')}</dt>
          <dd>{formatDate(profile.birthDate, i18n.language)}</dd>
        </div>
      </dl>
      <p className="hint">
        {t('profile.personal.legalNote')}{' '}
        <a className="phone-link" href={telHref(profile.registrationPhone)}>
          {profile.registrationPhone}
        </a>{' '}
        {profile.registrationHours ? t('profile.personal.legalHours', { hours: profile.registrationHours }) : null}
      </p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="pf-personal-title">
        <TextField
          formId={FORM}
          name="preferredName"
          autoComplete="nickname"
          maxLength={100}
          label={t('profile.personal.preferredName')}
          hint={t('profile.personal.preferredNameHint')}
          value={preferredName}
          error={errors.fields.preferredName}
          onChange={(e) => setPreferredName(e.target.value)}
        />
        <TextField
          formId={FORM}
          name="pronouns"
          width="medium"
          maxLength={40}
          label={t('profile.personal.pronouns')}
          hint={t('profile.personal.pronounsHint')}
          value={pronouns}
          error={errors.fields.pronouns}
          onChange={(e) => setPronouns(e.target.value)}
        />
        <SelectField
          formId={FORM}
          name="sex"
          label={t('profile.personal.sex')}
          hint={t('profile.personal.sexHint')}
          value={sex}
          error={errors.fields.sex}
          onChange={(e) => setSex(isOneOf(SEXES, e.target.value) ? e.target.value : '')}
        >
          <option value="">{t('profile.notGiven')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {t(`profile.personal.sexes.${s}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={pending}>{t('profile.personal.submit')}</SubmitButton>
        <p className="pf-saved" role="status">
          {said}
        </p>
      </form>
    </section>
  );
}
