import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MfaStatus, RecoveryCodes, SessionState, TotpEnrollment } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useApi, useRequiredSession, useSessionStore } from '../../app/session/context';
import { mfaError } from './codes';
import { RecoveryCodesView } from './RecoveryCodesView';
import { useStepUp } from './StepUpDialog';
import { PasskeysSection } from './PasskeysSection';
import { TotpSetup } from './TotpSetup';

const STATUS_KEY = ['mfa', 'status'] as const;

/** Account › Sign-in security: the authenticator app, passkeys and recovery codes. */
export function SignInSecurityPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const session = useRequiredSession();
  const queryClient = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState<'enrolled' | 'removed' | null>(null);
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => api.get<MfaStatus>('/api/auth/mfa') });

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    // The session learns whether the policy still holds it back.
    store.set((await api.get<SessionState>('/api/auth/session')).session);
  };
  const start = useMutation({
    mutationFn: () => api.post<TotpEnrollment>('/api/auth/mfa/totp/start'),
    onSuccess: (result) => {
      setDone(null);
      setEnrollment(result);
    },
    onError: (error) => guard(error, () => start.mutate()),
  });
  const remove = useMutation({
    mutationFn: () => api.delete<void>('/api/auth/mfa/totp'),
    onSuccess: async () => {
      setCodes(null);
      setDone('removed');
      await refresh();
    },
    onError: (error) => guard(error, () => remove.mutate()),
  });
  const regenerate = useMutation({
    mutationFn: () => api.post<RecoveryCodes>('/api/auth/mfa/recovery-codes'),
    onSuccess: async (result) => {
      setCodes(result.recoveryCodes);
      await refresh();
    },
    onError: (error) => guard(error, () => regenerate.mutate()),
  });
  const failure = [start.error, remove.error, regenerate.error].find(Boolean);

  return (
    <div className="narrow">
      <PageTitle>{t('mfa.page.title')}</PageTitle>
      <p className="lede">{t('mfa.page.intro')}</p>
      {session.mfaEnrollmentRequired ? <Notice tone="warning">{t('mfa.page.required')}</Notice> : null}
      {done === 'enrolled' ? <Notice tone="success">{t('mfa.page.enrolled')}</Notice> : null}
      {done === 'removed' ? <Notice tone="success">{t('mfa.page.removed')}</Notice> : null}
      {failure && !(isApiError(failure) && failure.code === 'step_up_required') ? (
        <Notice tone="warning">{mfaError(t, failure)}</Notice>
      ) : null}
      {codes ? <RecoveryCodesView codes={codes} /> : null}
      {status.isPending ? <Loading /> : null}
      {status.data ? (
        <section className="section" aria-labelledby="totp-title">
          <h2 id="totp-title">{t('mfa.totp.title')}</h2>
          {status.data.totp ? (
            <>
              <p>{t('mfa.totp.on')}</p>
              <button type="button" className="button button--secondary" onClick={() => remove.mutate()}>
                {t('mfa.totp.remove')}
              </button>
            </>
          ) : enrollment ? (
            <TotpSetup
              enrollment={enrollment}
              onStepUp={guard}
              onConfirmed={async (fresh) => {
                setEnrollment(null);
                setCodes(fresh.length > 0 ? fresh : null);
                setDone('enrolled');
                await refresh();
              }}
            />
          ) : (
            <>
              <p>{t('mfa.totp.off')}</p>
              <button type="button" className="button" onClick={() => start.mutate()} disabled={start.isPending}>
                {t('mfa.totp.start')}
              </button>
            </>
          )}
        </section>
      ) : null}
      {status.data ? (
        <PasskeysSection onStepUp={guard} onCodes={(fresh) => setCodes(fresh)} onChanged={refresh} />
      ) : null}
      {/* Any factor brings recovery codes: an account with only a passkey gets new ones here too. */}
      {status.data && (status.data.totp || status.data.passkeys > 0) ? (
        <section className="section" aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('mfa.recovery.sectionTitle')}</h2>
          <p>{t('mfa.recovery.sectionIntro')}</p>
          <p>{t('mfa.recovery.left', { count: status.data.recoveryCodesLeft })}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => regenerate.mutate()}
            disabled={regenerate.isPending}
          >
            {t('mfa.recovery.regenerate')}
          </button>
        </section>
      ) : null}
      {session.mfaEnrollmentRequired ? null : (
        <p>
          <Link to="/account">{t('mfa.page.back')}</Link>
        </p>
      )}
      {dialog}
    </div>
  );
}
