import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordBody, SessionState } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useApi, useRequiredSession, useSessionStore } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { PasswordFields, checkNewPassword, compact } from '../auth';
import { useStepUp } from '../mfa';
import { SignedInPlaces } from './SignedInPlaces';

const FORM = 'change-password';
const FIELDS = ['currentPassword', 'newPassword', 'confirmNewPassword'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = { currentPassword: '', newPassword: '', confirmNewPassword: '' };

export function AccountPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const session = useRequiredSession();
  const { values, set, reset } = useFormValues(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const [done, setDone] = useState(false);

  // An account with a second factor confirms it is them (step-up) first; the change then runs again.
  const { guard, dialog } = useStepUp();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>('/api/auth/password/change', body),
    onSuccess: async () => {
      reset();
      setDone(true);
      // Other sessions ended; re-read ours in case its token was rotated.
      const state = await api.get<SessionState>('/api/auth/session');
      store.set(state.session);
    },
  });
  const send = (body: ChangePasswordBody) =>
    change.mutate(body, {
      onError: (error) => {
        if (!guard(error, () => send(body))) failWith(error);
      },
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const fresh = checkNewPassword(t, values.newPassword, values.confirmNewPassword);
    const problems = compact<Field>({
      currentPassword: values.currentPassword === '' ? t('validation.currentPasswordRequired') : undefined,
      newPassword: fresh.password,
      confirmNewPassword: fresh.confirmPassword,
    });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    setDone(false);
    send({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  };

  return (
    <div className="narrow">
      <PageTitle>{t('account.title')}</PageTitle>
      <dl className="details">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{session.user.displayName}</dd>
        </div>
        <div>
          <dt>{t('fields.email')}</dt>
          <dd>{session.user.email}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="sign-in-security-title">
        <h2 id="sign-in-security-title">{t('mfa.page.title')}</h2>
        <p>{t('mfa.page.intro')}</p>
        <p>
          <Link to="/account/security">{t('mfa.page.open')}</Link>
        </p>
      </section>
      <section className="section" aria-labelledby="change-password-title">
        <h2 id="change-password-title">{t('account.changePassword')}</h2>
        <p>{t('account.changeIntro')}</p>
        {done ? <Notice tone="success">{t('account.changed')}</Notice> : null}
        <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            formId={FORM}
            name="currentPassword"
            label={t('fields.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => set('currentPassword', e.target.value)}
            error={errors.fields.currentPassword}
          />
          <PasswordFields
            formId={FORM}
            names={{ password: 'newPassword', confirm: 'confirmNewPassword' }}
            labels={{ password: t('fields.newPassword'), confirm: t('fields.confirmNewPassword') }}
            password={values.newPassword}
            confirm={values.confirmNewPassword}
            onPassword={(v) => set('newPassword', v)}
            onConfirm={(v) => set('confirmNewPassword', v)}
            passwordError={errors.fields.newPassword}
            confirmError={errors.fields.confirmNewPassword}
          />
          <SubmitButton pending={change.isPending}>{t('account.submit')}</SubmitButton>
        </form>
      </section>
      <SignedInPlaces />
      {dialog}
    </div>
  );
}
