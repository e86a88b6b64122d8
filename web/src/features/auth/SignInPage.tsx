import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LoginBody, SignInResult } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { Checkbox, TextField } from '../../app/forms/Field';
import { AccountEmailField } from './PersonFields';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { isEmail } from '../../app/forms/validators';
import { useApi, useSessionSnapshot, useSessionStore } from '../../app/session/context';
import { readSignInState } from '../../app/session/guards';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { HospitalSignInButton, HospitalSignInError, useSsoInfo } from './HospitalSignIn';
import { needsSecondStep, PasskeySignIn, type SecondStepState } from '../mfa';

const FORM = 'signin';
const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

export function SignInPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const { endReason } = useSessionSnapshot();
  const { notice, from } = readSignInState(useLocation().state);
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const sso = useSsoInfo();

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<SignInResult>('/api/auth/login', body),
    // The route guard takes the person on to where they were going; a second factor comes first.
    onSuccess: (result) => {
      if (!needsSecondStep(result)) return store.set(result);
      const state: SecondStepState = { methods: result.methods, ...(from ? { from } : {}) };
      void navigate('/signin/verify', { state });
    },
    onError: failWith,
  });
  const throttled = isApiError(login.error) && login.error.code === 'sign_in_throttled';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const fieldErrors: FieldErrors<Field> = {};
    if (email.trim() === '') fieldErrors.email = t('validation.emailRequired');
    else if (!isEmail(email)) fieldErrors.email = t('validation.invalid.email');
    if (password === '') fieldErrors.password = t('validation.passwordRequired');
    if (Object.keys(fieldErrors).length > 0) return fail(fieldErrors);
    clear();
    login.mutate({ email: email.trim(), password });
  };

  return (
    <div className="narrow">
      <PageTitle>{t('auth.signIn.title')}</PageTitle>
      <p className="lede">{t('app.tagline')}</p>
      {/* Once the person has tried to sign in, the error summary is what matters. */}
      {errors.attempt > 0 ? null : (
        <>
          {endReason === 'expired' ? <Notice tone="warning">{t('auth.signIn.sessionEnded')}</Notice> : null}
          {endReason === 'signedOut' ? <Notice>{t('auth.signIn.signedOut')}</Notice> : null}
          {notice === 'passwordReset' ? <Notice tone="success">{t('auth.signIn.passwordReset')}</Notice> : null}
        </>
      )}
      {errors.attempt > 0 ? null : <HospitalSignInError />}
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      {throttled ? (
        <div className="help-box">
          <h2 className="help-box__title">{t('auth.signIn.throttledTitle')}</h2>
          <p>{t('auth.signIn.throttledText')}</p>
          <p>
            <Link to="/signin/link">{t('auth.signIn.emailLink')}</Link>
          </p>
        </div>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <AccountEmailField
          formId={FORM}
          autoComplete="username webauthn"
          value={email}
          onValue={setEmail}
          error={errors.fields.email}
        />
        <TextField
          formId={FORM}
          name="password"
          label={t('fields.password')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.fields.password}
        />
        <Checkbox
          formId={FORM}
          name="showPassword"
          label={t('fields.showPassword')}
          checked={showPassword}
          onChange={setShowPassword}
        />
        <SubmitButton pending={login.isPending}>{t('auth.signIn.submit')}</SubmitButton>
      </form>
      <PasskeySignIn />
      {sso.data ? <HospitalSignInButton info={sso.data} /> : null}
      <ul className="link-list">
        <li>
          <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
        </li>
        <li>
          <Link to="/signin/link">{t('auth.signIn.emailLink')}</Link>
        </li>
        <li>
          {t('auth.signIn.newHere')} <Link to="/enroll">{t('auth.signIn.enroll')}</Link>
        </li>
      </ul>
    </div>
  );
}
