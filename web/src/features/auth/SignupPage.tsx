import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message, SignupBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useOrganizations } from '../../app/queries';
import { useApi } from '../../app/session/context';
import { PageTitle } from '../../app/ui/PageTitle';
import { NewPasswordFields } from './PasswordFields';
import { BirthDateAndEmail } from './PersonFields';
import { checkNewPassword } from './passwordChecks';
import { check, compact } from './personChecks';

const FORM = 'signup';
const FIELDS = [
  'givenName',
  'familyName',
  'birthDate',
  'email',
  'organizationId',
  'password',
  'confirmPassword',
] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = {
  givenName: '',
  familyName: '',
  birthDate: '',
  email: '',
  organizationId: '',
  password: '',
  confirmPassword: '',
};

export function SignupPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const { values, set } = useFormValues(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const orgs = organizations.data ?? [];

  const signup = useMutation({
    mutationFn: (body: SignupBody) => api.post<Message>('/api/auth/signup', body),
    onSuccess: (_data, body) => void navigate('/enroll/check-email', { state: { email: body.email } }),
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signup.isPending) return;
    const problems = compact<Field>({
      givenName: check.required(t, values.givenName, 'givenNameRequired'),
      familyName: check.required(t, values.familyName, 'familyNameRequired'),
      birthDate: check.birthDate(t, values.birthDate),
      email: check.email(t, values.email),
      organizationId:
        orgs.length > 0 && values.organizationId === '' ? t('validation.organizationRequired') : undefined,
      ...checkNewPassword(t, values.password, values.confirmPassword),
    });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    signup.mutate({
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      birthDate: values.birthDate,
      email: values.email.trim(),
      password: values.password,
      ...(values.organizationId ? { organizationId: values.organizationId } : {}),
    });
  };

  return (
    <div className="narrow">
      <PageTitle>{t('auth.signup.title')}</PageTitle>
      <p className="lede">{t('auth.signup.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="givenName"
          label={t('fields.givenName')}
          autoComplete="given-name"
          value={values.givenName}
          onChange={(e) => set('givenName', e.target.value)}
          error={errors.fields.givenName}
        />
        <TextField
          formId={FORM}
          name="familyName"
          label={t('fields.familyName')}
          autoComplete="family-name"
          value={values.familyName}
          onChange={(e) => set('familyName', e.target.value)}
          error={errors.fields.familyName}
        />
        <BirthDateAndEmail
          formId={FORM}
          values={values}
          set={set}
          errors={errors.fields}
          emailHint={t('auth.signup.emailHint')}
        />
        {orgs.length > 0 ? (
          <SelectField
            formId={FORM}
            name="organizationId"
            label={t('fields.organization')}
            hint={t('auth.signup.organizationHint')}
            value={values.organizationId}
            onChange={(e) => set('organizationId', e.target.value)}
            error={errors.fields.organizationId}
          >
            <option value="">{t('common.choose')}</option>
            {orgs.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <NewPasswordFields formId={FORM} values={values} set={set} errors={errors.fields} />
        <SubmitButton pending={signup.isPending}>{t('auth.signup.submit')}</SubmitButton>
      </form>
      <p>
        {t('auth.signup.haveCode')} <Link to="/enroll/code">{t('auth.enroll.codeTitle')}</Link>
      </p>
    </div>
  );
}
