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
import { answerWithPasskey, isBrowserRefusal } from './passkeys';

const FORM = 'second-step';
type Method = MfaVerifyBody['method'] | 'passkey';

/** The second step of signing in: a passkey, a code from the authenticator app, or a recovery code. */
export function SecondStepPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const location = useLocation();
  const state = readSecondStepState(location.state);
  const has = (m: Method) => state?.methods.includes(m) ?? false;
  const [method, setMethod] = useState<Method>(has('passkey') ? 'passkey' : has('totp') ? 'totp' : 'recovery');
  const [code, setCode] = useState('');
  const [trust, setTrust] = useState(false);
  const [missing, setMissing] = useState(false);

  const verify = useMutation({
    mutationFn: (body: MfaVerifyBody) => api.post<SessionInfo>('/api/auth/mfa/verify', body),
    onSuccess: (session) => store.set(session),
  });
  const passkey = useMutation({
    mutationFn: () =>
      answerWithPasskey<SessionInfo>(
        api,
        '/api/auth/passkeys/second-factor/options',
        '/api/auth/passkeys/second-factor',
        {
          trustDevice: trust,
        },
      ),
    onSuccess: (session) => store.set(session),
  });

  if (!state) return <Navigate to="/signin" replace />;
  const failed = method === 'passkey' ? passkey.error : verify.error;
  const expired = isApiError(failed) && failed.code === 'mfa_sign_in_expired';
  const error = missing ? t('mfa.secondStep.codeRequired') : verify.error ? mfaError(t, verify.error) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (method === 'passkey') {
      if (!passkey.isPending) passkey.mutate();
      return;
    }
    if (verify.isPending) return;
    if (code.trim() === '') return setMissing(true);
    setMissing(false);
    verify.mutate({ method, code: code.trim(), trustDevice: trust });
  };

  const switchTo = (next: Method) => {
    setMethod(next);
    setCode('');
    setMissing(false);
    verify.reset();
    passkey.reset();
  };
  const intro =
    method === 'passkey'
      ? t('mfa.secondStep.passkeyIntro')
      : method === 'totp'
        ? t('mfa.secondStep.totpIntro')
        : t('mfa.secondStep.recoveryIntro');
  const others: { to: Method; label: string }[] = [
    { to: 'passkey' as const, label: t('mfa.secondStep.usePasskey') },
    { to: 'totp' as const, label: t('mfa.secondStep.useApp') },
    {
      to: 'recovery' as const,
      label: method === 'totp' ? t('mfa.secondStep.useRecovery') : t('mfa.secondStep.useRecoveryCode'),
    },
  ].filter((o) => o.to !== method && has(o.to));

  return (
    <div className="narrow">
      <PageTitle>{t('mfa.secondStep.title')}</PageTitle>
      <p className="lede">{intro}</p>
      {expired ? (
        <Notice tone="warning">
          {t('mfa.errors.mfa_sign_in_expired')} <Link to="/signin">{t('mfa.secondStep.startAgain')}</Link>
        </Notice>
      ) : method === 'passkey' && passkey.error ? (
        <Notice tone="warning">
          {isBrowserRefusal(passkey.error) ? t('mfa.secondStep.passkeyFailed') : mfaError(t, passkey.error)}
        </Notice>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {method === 'passkey' ? null : (
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
        )}
        <Checkbox
          formId={FORM}
          name="trustDevice"
          label={t('mfa.secondStep.trustDevice')}
          checked={trust}
          onChange={setTrust}
        />
        <SubmitButton pending={method === 'passkey' ? passkey.isPending : verify.isPending}>
          {method === 'passkey' ? t('mfa.secondStep.passkeySubmit') : t('mfa.secondStep.submit')}
        </SubmitButton>
      </form>
      <ul className="link-list">
        {others.map((o) => (
          <li key={o.to}>
            <button type="button" className="button button--quiet" onClick={() => switchTo(o.to)}>
              {o.label}
            </button>
          </li>
        ))}
        <li>
          <Link to="/signin">{t('mfa.secondStep.startAgain')}</Link>
        </li>
      </ul>
    </div>
  );
}
