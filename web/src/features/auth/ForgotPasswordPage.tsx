import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message, ResetRequestBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useApi } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { check, compact } from './personChecks';

const FORM = 'forgot';
const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const request = useMutation({
    mutationFn: (body: ResetRequestBody) => api.post<Message>('/api/auth/password-reset/request', body),
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.isPending) return;
    const problems = compact({ email: check.email(t, email) });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    request.mutate({ email: email.trim() });
  };

  if (request.isSuccess) {
    return (
      <div className="narrow">
        <PageTitle>{t('auth.forgot.sentTitle')}</PageTitle>
        {/* Same words whether or not the account exists, so no one can probe for accounts. */}
        <Notice tone="success">{t('auth.forgot.sent', { email: request.variables.email })}</Notice>
        <p>{t('auth.forgot.sentNext')}</p>
        <p>
          <Link to="/signin">{t('auth.checkEmail.toSignIn')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>{t('auth.forgot.title')}</PageTitle>
      <p className="lede">{t('auth.forgot.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="email"
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <SubmitButton pending={request.isPending}>{t('auth.forgot.submit')}</SubmitButton>
      </form>
      <p>
        <Link to="/signin">{t('auth.forgot.back')}</Link>
      </p>
    </div>
  );
}
