import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MfaStatus, StepUpBody, StepUpState } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useApi, useSession } from '../../app/session/context';
import { useSsoInfo } from '../auth';
import { mfaError } from './codes';
import { answerWithPasskey, isBrowserRefusal, passkeysSupported } from './passkeys';

/**
 * Runs a sensitive action; when the server answers `step_up_required`, asks for a passkey or the
 * password in a modal dialog and then runs the action again.
 */
export function useStepUp() {
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const guard = (error: unknown, again: () => void): boolean => {
    if (isApiError(error) && error.code === 'step_up_required') {
      setRetry(() => again);
      return true;
    }
    return false;
  };
  const dialog = retry ? (
    <StepUpDialog
      onDone={() => {
        const again = retry;
        setRetry(null);
        again();
      }}
      onCancel={() => setRetry(null)}
    />
  ) : null;
  return { guard, dialog };
}

function StepUpDialog({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: (body: StepUpBody) => api.post<StepUpState>('/api/auth/step-up', body),
    onSuccess: onDone,
  });
  const status = useQuery({ queryKey: ['mfa', 'status'], queryFn: () => api.get<MfaStatus>('/api/auth/mfa') });
  const withPasskey = (status.data?.passkeys ?? 0) > 0 && passkeysSupported();
  // Staff who sign in only at the hospital have no Portico password to type: a fresh sign-in
  // there counts as the step-up (the server starts the window with the new session).
  const session = useSession();
  const sso = useSsoInfo();
  const workforce = session !== null && session.user.role !== 'patient' && session.user.role !== 'proxy';
  const hospital = workforce && sso.data?.enabled && !sso.data.workforcePasswords ? sso.data.name : null;
  const passkey = useMutation({
    mutationFn: () =>
      answerWithPasskey<StepUpState>(api, '/api/auth/passkeys/step-up/options', '/api/auth/passkeys/step-up'),
    onSuccess: onDone,
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirm.isPending && password !== '') confirm.mutate({ password });
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="step-up-title" onCancel={onCancel}>
      <h2 id="step-up-title" className="dialog__title">
        {t('mfa.stepUp.title')}
      </h2>
      <p>
        {hospital !== null
          ? t('mfa.stepUp.introHospital', { name: hospital })
          : withPasskey
            ? t('mfa.stepUp.introPasskey')
            : t('mfa.stepUp.intro')}
      </p>
      {withPasskey ? (
        <div className="form">
          <button type="button" className="button" onClick={() => passkey.mutate()} disabled={passkey.isPending}>
            {t('mfa.stepUp.usePasskey')}
          </button>
          {passkey.error ? (
            <p className="field__error" role="alert">
              {isBrowserRefusal(passkey.error) ? t('mfa.secondStep.passkeyFailed') : mfaError(t, passkey.error)}
            </p>
          ) : null}
        </div>
      ) : null}
      {hospital !== null ? (
        <div className="button-row">
          <a className="button" href="/api/auth/sso/start">
            {t('auth.sso.button', { name: hospital })}
          </a>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('mfa.stepUp.cancel')}
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            formId="step-up"
            name="password"
            type="password"
            label={t('fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={confirm.error ? mfaError(t, confirm.error) : undefined}
            autoFocus
          />
          <div className="button-row">
            <SubmitButton pending={confirm.isPending}>{t('mfa.stepUp.submit')}</SubmitButton>
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('mfa.stepUp.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
