import { useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationResult } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useOrganizations } from '../../app/queries';
import { languageName } from '../../app/ui/format';
import { PATIENT_LANGUAGES } from '../staff';
import { countryOptions } from '../visit';
import { useRegister } from './api';
import { INITIAL, REGISTRATION_FIELDS, toBody, type Field } from './body';

/** The registration form, online (chooses the organization) or for staff taking a call. */
export function RegistrationForm({
  staff,
  formId,
  submitLabel,
  onDone,
}: {
  staff: boolean;
  formId: string;
  submitLabel: string;
  onDone: (result: RegistrationResult, orgId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations();
  const reader = i18n.language.slice(0, 2);
  const { values, set } = useFormValues({
    ...INITIAL,
    preferredLanguage: (PATIENT_LANGUAGES as readonly string[]).includes(reader) ? reader : 'en',
    addressCountry: 'US',
  });
  const { errors, failWith, clear } = useFormErrors(REGISTRATION_FIELDS);
  const register = useRegister();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const organizations = orgs.data ?? [];
  const orgId = values.organizationId || organizations[0]?.id || '';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) return;
    clear();
    register.mutate(toBody({ ...values, organizationId: orgId }, staff), {
      onSuccess: (result) => onDone(result, orgId),
      onError: failWith,
    });
  };

  const text = (name: Field, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      formId={formId}
      name={name}
      label={label}
      value={values[name]}
      error={errors.fields[name]}
      onChange={(e) => set(name, e.target.value)}
      {...extra}
    />
  );

  return (
    <>
      <ErrorSummary formId={formId} errors={errors} order={REGISTRATION_FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {staff ? null : (
          <SelectField
            formId={formId}
            name="organizationId"
            label={t('registration.form.organization')}
            value={orgId}
            error={errors.fields.organizationId}
            onChange={(e) => set('organizationId', e.target.value)}
          >
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        {text('givenName', t('registration.form.givenName'), { autoComplete: staff ? 'off' : 'given-name' })}
        {text('familyName', t('registration.form.familyName'), { autoComplete: staff ? 'off' : 'family-name' })}
        {text('birthDate', t('registration.form.birthDate'), { type: 'date', width: 'medium', autoComplete: 'off' })}
        <SelectField
          formId={formId}
          name="sex"
          label={t('registration.form.sex')}
          value={values.sex}
          error={errors.fields.sex}
          onChange={(e) => set('sex', e.target.value)}
        >
          <option value="">{t('registration.form.sexNone')}</option>
          {(['female', 'male', 'other', 'unknown'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`registration.form.sexes.${s}`)}
            </option>
          ))}
        </SelectField>
        {text('email', staff ? t('registration.form.emailOptional') : t('registration.form.email'), {
          type: 'email',
          inputMode: 'email',
          autoCapitalize: 'none',
          spellCheck: false,
          autoComplete: staff ? 'off' : 'email',
          ...(staff ? {} : { hint: t('registration.form.emailHint') }),
        })}
        {text('phone', t('registration.form.phone'), {
          type: 'tel',
          width: 'medium',
          autoComplete: staff ? 'off' : 'tel',
          hint: t('registration.form.phoneHint'),
        })}
        <SelectField
          formId={formId}
          name="preferredLanguage"
          label={t('registration.form.language')}
          value={values.preferredLanguage}
          error={errors.fields.preferredLanguage}
          onChange={(e) => set('preferredLanguage', e.target.value)}
        >
          {PATIENT_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </SelectField>
        <fieldset className="pf-fieldset">
          <legend className="field__label">{t('registration.form.address')}</legend>
          <SelectField
            formId={formId}
            name="addressCountry"
            label={t('registration.form.country')}
            autoComplete="country"
            value={values.addressCountry}
            error={errors.fields.addressCountry}
            onChange={(e) => set('addressCountry', e.target.value)}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {text('addressLine1', t('registration.form.line1'), { autoComplete: 'address-line1', maxLength: 200 })}
          {text('addressLine2', t('registration.form.line2'), { autoComplete: 'address-line2', maxLength: 200 })}
          {text('addressCity', t('registration.form.city'), { autoComplete: 'address-level2', maxLength: 100 })}
          {text('addressRegion', t('registration.form.region'), { autoComplete: 'address-level1', maxLength: 100 })}
          {text('addressPostalCode', t('registration.form.postalCode'), {
            autoComplete: 'postal-code',
            width: 'short',
            maxLength: 12,
          })}
        </fieldset>
        <fieldset className="pf-fieldset">
          <legend className="field__label">{t('registration.form.payment')}</legend>
          {errors.fields.payment ? <p className="field__error">{errors.fields.payment}</p> : null}
          {(['insurance', 'self_pay'] as const).map((p) => (
            <label key={p} className="choice">
              <input
                type="radio"
                name="payment"
                id={p === 'insurance' ? `${formId}-payment` : undefined}
                value={p}
                checked={values.payment === p}
                onChange={() => set('payment', p)}
              />{' '}
              {p === 'insurance' ? t('registration.form.insurance') : t('registration.form.selfPay')}
            </label>
          ))}
          {values.payment === 'insurance' ? (
            <>
              <p className="field__hint">{t('registration.form.insuranceHint')}</p>
              {text('payerName', t('registration.form.payerName'), { autoComplete: 'off', maxLength: 120 })}
              {text('planName', t('registration.form.planName'), { autoComplete: 'off', maxLength: 120 })}
              {text('memberId', t('registration.form.memberId'), {
                autoComplete: 'off',
                width: 'medium',
                maxLength: 40,
              })}
            </>
          ) : null}
        </fieldset>
        <SubmitButton pending={register.isPending}>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
