import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@portico/contracts';
import { useApi, useSessionStore } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { mfaError } from './codes';
import { answerWithPasskey, isBrowserRefusal, passkeysSupported } from './passkeys';

/**
 * "Sign in with a passkey": no email typed — the browser offers the passkeys it holds for Portico
 * (discoverable credentials). The route guard then takes the person on, as after a password.
 */
export function PasskeySignIn() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const signIn = useMutation({
    mutationFn: () =>
      answerWithPasskey<SessionInfo>(api, '/api/auth/passkeys/sign-in/options', '/api/auth/passkeys/sign-in'),
    onSuccess: (session) => store.set(session),
  });
  if (!passkeysSupported()) return null;
  return (
    <div className="passkey-sign-in">
      <p>{t('mfa.signIn.or')}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => signIn.mutate()}
        disabled={signIn.isPending}
      >
        {t('mfa.signIn.passkey')}
      </button>
      <div role="status">
        {signIn.error ? (
          <Notice tone="warning">
            {isBrowserRefusal(signIn.error) ? t('mfa.signIn.failed') : mfaError(t, signIn.error)}
          </Notice>
        ) : null}
      </div>
    </div>
  );
}
