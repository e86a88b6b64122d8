import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SsoErrorCodes, type SsoErrorCode, type SsoInfo } from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { ErrorMessage } from '../../app/ui/Notice';

function isSsoError(code: string | null): code is SsoErrorCode {
  return code !== null && (SsoErrorCodes as readonly string[]).includes(code);
}

/** Whether this server offers hospital sign-in (workforce SSO), and its name. */
export function useSsoInfo() {
  const api = useApi();
  return useQuery({
    queryKey: ['auth', 'sso'],
    queryFn: () => api.get<SsoInfo>('/api/auth/sso'),
    staleTime: 10 * 60_000,
  });
}

/** Why the hospital sign-in just failed (the server sends the browser back with ?sso_error=). */
export function HospitalSignInError() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('sso_error');
  if (!isSsoError(code)) return null;
  return (
    <ErrorMessage>
      <p className="notice__title">{t('auth.sso.errorTitle')}</p>
      <p>{t(`auth.sso.errors.${code}`)}</p>
    </ErrorMessage>
  );
}

/**
 * "Sign in with <hospital>" for clinicians, staff and admins: a plain link to the server, which
 * sends the browser on to the hospital's sign-in page (nothing is loaded from it here).
 */
export function HospitalSignInButton({ info }: { info: SsoInfo }) {
  const { t } = useTranslation();
  if (!info.enabled || info.name === null) return null;
  return (
    <section className="hospital-sign-in" aria-labelledby="hospital-sign-in-title">
      <h2 id="hospital-sign-in-title" className="hospital-sign-in__title">
        {t('auth.sso.staffTitle')}
      </h2>
      <p>
        <a className="button button--secondary" href="/api/auth/sso/start">
          {t('auth.sso.button', { name: info.name })}
        </a>
      </p>
      {info.workforcePasswords ? null : <p className="hint">{t('auth.sso.passwordsOff')}</p>}
    </section>
  );
}
