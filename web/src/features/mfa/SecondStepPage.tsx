import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MfaVerifyBody, SessionInfo } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { Checkbox, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useApi, useSessionStore } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { readSecondStepState } from './api';
import { mfaError } from './codes';

const FORM = 'second-step';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondStepPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const location = useLocation();
  const state = readSecondStepState(location.state);
  const [method, setMethod] = useState<MfaVerifyBody['method']>(state?.methods.includes('totp') ? 'totp' : 'recovery');
  const [code, setCode] = useState('');
  const [trust, setTrust] = useState(false);
  const [missing, setMissing] = useState(false);

  const verify = useMutation({
    mutationFn: (body: MfaVerifyBody) => api.post<SessionInfo>('/api/auth/mfa/verify', body),
    onSuccess: (session) => store.set(session),
  });

  if (!state) return <Navigate to="/signin" replace />;
  const expired = isApiError(verify.error) && verify.error.code === 'mfa_sign_in_expired';
  const error = missing ? t('mfa.secondStep.codeRequired') : verify.error ? mfaError(t, verify.error) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (verify.isPending) return;
    if (code.trim() === '') return setMissing(true);
    setMissing(false);
    verify.mutate({ method, code: code.trim(), trustDevice: trust });
  };

  const switchTo = (next: MfaVerifyBody['method']) => {
    setMethod(next);
    setCode('');
    setMissing(false);
    verify.reset();
  };

  return (
    <div className="narrow">
      <PageTitle>{t('mfa.secondStep.title')}</PageTitle>
      <p className="lede">{method === 'totp' ? t('mfa.secondStep.totpIntro') : t('mfa.secondStep.recoveryIntro')}</p>
      {expired ? (
        <Notice tone="warning">
          {t('mfa.errors.mfa_sign_in_expired')} <Link to="/signin">{t('mfa.secondStep.startAgain')}</Link>
        </Notice>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="code"
          label={method === 'totp' ? t('mfa.fields.appCode') : t('mfa.fields.recoveryCode')}
          autoComplete="one-time-code"
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          pattern={method === 'totp' ? '[0-9]*' : undefined}
          maxLength={method === 'totp' ? 6 : 12}
          spellCheck={false}
          autoCapitalize="characters"
          width="medium"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={expired ? undefined : error}
          autoFocus
        />
        <Checkbox
          formId={FORM}
          name="trustDevice"
          label={t('mfa.secondStep.trustDevice')}
          checked={trust}
          onChange={setTrust}
        />
        <SubmitButton pending={verify.isPending}>{t('mfa.secondStep.submit')}</SubmitButton>
      </form>
      <ul className="link-list">
        {method === 'totp' && state.methods.includes('recovery') ? (
          <li>
            <button type="button" className="button button--quiet" onClick={() => switchTo('recovery')}>
              {t('mfa.secondStep.useRecovery')}
            </button>
          </li>
        ) : null}
        {method === 'recovery' && state.methods.includes('totp') ? (
          <li>
            <button type="button" className="button button--quiet" onClick={() => switchTo('totp')}>
              {t('mfa.secondStep.useApp')}
            </button>
          </li>
        ) : null}
        <li>
          <Link to="/signin">{t('mfa.secondStep.startAgain')}</Link>
        </li>
      </ul>
    </div>
  );
}
