import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CreatePatientBody, Patient } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { isEmail } from '../../app/forms/validators';
import { queryKeys } from '../../app/queries';
import { useApi } from '../../app/session/context';
import { languageName } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/PageTitle';
import { check, compact } from '../auth/personChecks';
import { PATIENT_LANGUAGES } from './languages';

const FORM = 'new-patient';
const FIELDS = ['givenName', 'familyName', 'birthDate', 'email', 'phone', 'preferredLanguage'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = {
  givenName: '',
  familyName: '',
  birthDate: '',
  email: '',
  phone: '',
  preferredLanguage: 'en',
};
const PHONE = /^[0-9+()\-. ]{7,30}$/;

export function CreatePatientPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set } = useFormValues(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);

  const create = useMutation({
    mutationFn: (body: CreatePatientBody) => api.post<Patient>('/api/patients', body),
    onSuccess: (patient) => {
      queryClient.setQueryData(queryKeys.patient(patient.id), patient);
      void navigate(`/patients/${patient.id}`, { state: { created: true } });
    },
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const email = values.email.trim();
    const phone = values.phone.trim();
    const problems = compact<Field>({
      givenName: check.required(t, values.givenName, 'givenNameRequired'),
      familyName: check.required(t, values.familyName, 'familyNameRequired'),
      birthDate: check.birthDate(t, values.birthDate),
      email: email !== '' && !isEmail(email) ? t('validation.invalid.email') : undefined,
      phone: phone !== '' && !PHONE.test(phone) ? t('validation.invalid.phone') : undefined,
    });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    create.mutate({
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      birthDate: values.birthDate,
      preferredLanguage: values.preferredLanguage,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    });
  };

  const text = (name: 'givenName' | 'familyName', autoComplete: string) => (
    <TextField
      formId={FORM}
      name={name}
      label={t(`fields.${name}`)}
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      error={errors.fields[name]}
    />
  );

  return (
    <div className="narrow">
      <PageTitle>{t('staff.create.title')}</PageTitle>
      <p className="lede">{t('staff.create.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {text('givenName', 'off')}
        {text('familyName', 'off')}
        <TextField
          formId={FORM}
          name="birthDate"
          label={t('fields.birthDate')}
          type="date"
          autoComplete="off"
          width="medium"
          value={values.birthDate}
          onChange={(e) => set('birthDate', e.target.value)}
          error={errors.fields.birthDate}
        />
        <TextField
          formId={FORM}
          name="email"
          label={t('fields.emailOptional')}
          type="email"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.fields.email}
        />
        <TextField
          formId={FORM}
          name="phone"
          label={t('fields.phoneOptional')}
          type="tel"
          autoComplete="off"
          width="medium"
          value={values.phone}
          onChange={(e) => set('phone', e.target.value)}
          error={errors.fields.phone}
        />
        <SelectField
          formId={FORM}
          name="preferredLanguage"
          label={t('fields.preferredLanguage')}
          value={values.preferredLanguage}
          onChange={(e) => set('preferredLanguage', e.target.value)}
          error={errors.fields.preferredLanguage}
        >
          {PATIENT_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={create.isPending}>{t('staff.create.submit')}</SubmitButton>
      </form>
    </div>
  );
}
