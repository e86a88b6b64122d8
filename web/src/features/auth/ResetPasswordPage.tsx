import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResetCompleteBody } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useApi, useSessionStore } from '../../app/session/context';
import type { SignInState } from '../../app/session/guards';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { NewPasswordFields } from './PasswordFields';
import { checkNewPassword } from './passwordChecks';
import { compact } from './personChecks';

const FORM = 'reset';
const FIELDS = ['password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = { password: '', confirmPassword: '' };

/** Opened from the reset email. Afterwards every session ends, so the person signs in afresh. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { values, set } = useFormValues(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);

  const complete = useMutation({
    mutationFn: (body: ResetCompleteBody) => api.post<void>('/api/auth/password-reset/complete', body),
    onSuccess: () => {
      store.end('signedOut');
      const state: SignInState = { notice: 'passwordReset' };
      void navigate('/signin', { replace: true, state });
    },
    onError: failWith,
  });
  const tokenBad = isApiError(complete.error) && complete.error.code === 'token_invalid';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (complete.isPending) return;
    const problems = compact<Field>(checkNewPassword(t, values.password, values.confirmPassword));
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    complete.mutate({ token, password: values.password });
  };

  if (token === '' || tokenBad) {
    return (
      <div className="narrow">
        <PageTitle>{t('auth.reset.title')}</PageTitle>
        <ErrorMessage>{t('errors.codes.token_invalid')}</ErrorMessage>
        <p>
          <Link to="/forgot-password">{t('auth.reset.askAgain')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>{t('auth.reset.title')}</PageTitle>
      <p className="lede">{t('auth.reset.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <NewPasswordFields formId={FORM} values={values} set={set} errors={errors.fields} />
        <SubmitButton pending={complete.isPending}>{t('auth.reset.submit')}</SubmitButton>
      </form>
    </div>
  );
}
