import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActivateBody, SessionInfo } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useApi, useSessionStore } from '../../app/session/context';
import { PageTitle } from '../../app/ui/PageTitle';
import { NewPasswordFields } from './PasswordFields';
import { BirthDateAndEmail } from './PersonFields';
import { checkNewPassword } from './passwordChecks';
import { check, compact } from './personChecks';

const FORM = 'activate';
const FIELDS = ['activationCode', 'birthDate', 'email', 'password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = {
  activationCode: '',
  birthDate: '',
  email: '',
  password: '',
  confirmPassword: '',
};

export function ActivatePage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const { values, set } = useFormValues(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);

  const activate = useMutation({
    mutationFn: (body: ActivateBody) => api.post<SessionInfo>('/api/auth/activate', body),
    // Signed in straight away; the route guard takes them home.
    onSuccess: (session) => store.set(session),
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (activate.isPending) return;
    const code = values.activationCode.replace(/\s+/g, '').toUpperCase();
    const problems = compact<Field>({
      activationCode: check.required(t, code, 'activationCodeRequired'),
      birthDate: check.birthDate(t, values.birthDate),
      email: check.email(t, values.email),
      ...checkNewPassword(t, values.password, values.confirmPassword),
    });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    activate.mutate({
      activationCode: code,
      birthDate: values.birthDate,
      email: values.email.trim(),
      password: values.password,
    });
  };

  return (
    <div className="narrow">
      <PageTitle>{t('auth.activate.title')}</PageTitle>
      <p className="lede">{t('auth.activate.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="activationCode"
          label={t('fields.activationCode')}
          hint={t('auth.activate.codeHint')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          width="medium"
          value={values.activationCode}
          onChange={(e) => set('activationCode', e.target.value)}
          error={errors.fields.activationCode}
        />
        <BirthDateAndEmail
          formId={FORM}
          values={values}
          set={set}
          errors={errors.fields}
          emailHint={t('auth.activate.emailHint')}
        />
        <NewPasswordFields formId={FORM} values={values} set={set} errors={errors.fields} />
        <SubmitButton pending={activate.isPending}>{t('auth.activate.submit')}</SubmitButton>
      </form>
      <p>
        {t('auth.activate.noCode')} <Link to="/enroll/signup">{t('auth.enroll.signupTitle')}</Link>
      </p>
    </div>
  );
}
