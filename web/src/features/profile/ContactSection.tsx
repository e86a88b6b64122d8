import { useMemo, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Profile } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import type { FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { countryOptions, US_STATES, stateName } from '../visit';
import { useSaveSection } from './useSaveSection';

const FORM = 'pf-contact';
const FIELDS = [
  'country',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'mobilePhone',
  'homePhone',
  'visitPhone',
] as const;
type Field = (typeof FIELDS)[number];
const PHONES = ['mobilePhone', 'homePhone', 'visitPhone'] as const;
const PHONE = /^\+?[0-9 ().-]{7,40}$/;

function initialValues(p: Profile): Record<Field, string> {
  return {
    country: p.address.country,
    line1: p.address.line1 ?? '',
    line2: p.address.line2 ?? '',
    city: p.address.city ?? '',
    region: p.address.region ?? '',
    postalCode: p.address.postalCode ?? '',
    mobilePhone: p.mobilePhone ?? '',
    homePhone: p.homePhone ?? '',
    visitPhone: p.visitPhone ?? '',
  };
}

/** Home address, phone numbers, and the number a clinician calls if a video visit fails. */
export function ContactSection({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const initial = useMemo(() => initialValues(profile), [profile]);
  const { values, set } = useFormValues(initial);
  const { errors, save, said, pending } = useSaveSection(FIELDS);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const us = values.country === 'US';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const v = (name: Field) => values[name].trim();
    const problems: FieldErrors<Field> = {};
    const anyAddress = ['line1', 'line2', 'city', 'postalCode'].some((f) => v(f as Field) !== '');
    if (anyAddress) {
      if (!v('line1')) problems.line1 = t('profile.contact.errors.line1');
      if (!v('city')) problems.city = t('profile.contact.errors.city');
      if (us && !v('region')) problems.region = t('profile.contact.errors.region');
      if (!v('postalCode')) problems.postalCode = t('profile.contact.errors.postalCode');
    }
    for (const phone of PHONES) {
      if (v(phone) && !PHONE.test(v(phone))) problems[phone] = t('profile.contact.errors.phone');
    }
    save(
      problems,
      {
        address: {
          country: values.country,
          line1: v('line1') || null,
          line2: v('line2') || null,
          city: v('city') || null,
          region: anyAddress ? v('region') || null : null,
          postalCode: v('postalCode') || null,
        },
        mobilePhone: v('mobilePhone') || null,
        homePhone: v('homePhone') || null,
        visitPhone: v('visitPhone') || null,
      },
      // Show what was stored: phone numbers and postal codes come back in one shape.
      (saved) => {
        const stored = initialValues(saved);
        for (const name of FIELDS) set(name, stored[name]);
      },
    );
  };

  const text = (name: Field, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      formId={FORM}
      name={name}
      label={label}
      value={values[name]}
      error={errors.fields[name]}
      onChange={(e) => set(name, e.target.value)}
      {...extra}
    />
  );

  return (
    <section className="section pf-section" aria-labelledby="pf-contact-title">
      <h2 id="pf-contact-title">{t('profile.contact.title')}</h2>
      <dl className="details">
        <div>
          <dt>{t('profile.contact.email')}</dt>
          <dd>
            {profile.email ?? t('profile.notGiven')}
            <span className="block hint">
              {t('profile.contact.emailNote')} <Link to="/account">{t('nav.account')}</Link>
            </span>
          </dd>
        </div>
      </dl>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="pf-contact-title">
        <fieldset className="pf-fieldset">
          <legend className="field__label">{t('profile.contact.address')}</legend>
          <p className="field__hint">{t('profile.contact.addressHint')}</p>
          <SelectField
            formId={FORM}
            name="country"
            label={t('profile.contact.country')}
            autoComplete="country"
            value={values.country}
            error={errors.fields.country}
            onChange={(e) => {
              set('country', e.target.value);
              set('region', '');
            }}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {text('line1', t('profile.contact.line1'), { autoComplete: 'address-line1', maxLength: 200 })}
          {text('line2', t('profile.contact.line2'), { autoComplete: 'address-line2', maxLength: 200 })}
          {text('city', t('profile.contact.city'), { autoComplete: 'address-level2', maxLength: 100 })}
          {us ? (
            <SelectField
              formId={FORM}
              name="region"
              label={t('profile.contact.state')}
              autoComplete="address-level1"
              value={values.region}
              error={errors.fields.region}
              onChange={(e) => set('region', e.target.value)}
            >
              <option value="">{t('profile.choose')}</option>
              {US_STATES.map((code) => (
                <option key={code} value={code}>
                  {stateName(t, code)}
                </option>
              ))}
            </SelectField>
          ) : (
            text('region', t('profile.contact.region'), { autoComplete: 'address-level1', maxLength: 100 })
          )}
          {text('postalCode', us ? t('profile.contact.zip') : t('profile.contact.postalCode'), {
            autoComplete: 'postal-code',
            width: 'short',
            maxLength: 12,
            inputMode: us ? 'numeric' : 'text',
          })}
        </fieldset>
        {text('visitPhone', t('profile.contact.visitPhone'), {
          type: 'tel',
          autoComplete: 'tel',
          width: 'medium',
          hint: `${t('profile.contact.visitPhoneHint')} ${t('profile.contact.phoneHint')}`,
        })}
        {text('mobilePhone', t('profile.contact.mobilePhone'), {
          type: 'tel',
          autoComplete: 'tel',
          width: 'medium',
          hint: t('profile.contact.phoneHint'),
        })}
        {text('homePhone', t('profile.contact.homePhone'), { type: 'tel', autoComplete: 'tel', width: 'medium' })}
        <SubmitButton pending={pending}>{t('profile.contact.submit')}</SubmitButton>
        <p className="pf-saved" role="status">
          {said}
        </p>
      </form>
    </section>
  );
}
