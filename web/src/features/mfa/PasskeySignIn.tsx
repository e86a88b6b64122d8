import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WebAuthnAbortService } from '@simplewebauthn/browser';
import type { SessionInfo } from '@portico/contracts';
import { useApi, useSessionStore } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { mfaError } from './codes';
import {
  answerFromAutofill,
  answerWithPasskey,
  autofillAvailable,
  isBrowserRefusal,
  passkeysSupported,
} from './passkeys';

const OPTIONS = '/api/auth/passkeys/sign-in/options';
const VERIFY = '/api/auth/passkeys/sign-in';

/**
 * "Sign in with a passkey": no email typed — the browser offers the passkeys it holds for Portico
 * (discoverable credentials). Where the browser can, the same passkeys are also offered in the
 * email field's autofill list (its autocomplete says `webauthn`). The route guard then takes the
 * person on, as after a password.
 */
export function PasskeySignIn() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  // Bumped when a button attempt ends without signing in: the autofill offer starts again.
  const [round, setRound] = useState(0);
  const [autofillError, setAutofillError] = useState<unknown>(null);
  const pressed = useRef(false);
  const signIn = useMutation({
    mutationFn: () => answerWithPasskey<SessionInfo>(api, OPTIONS, VERIFY),
    onSuccess: (session) => store.set(session),
    onError: () => {
      pressed.current = false;
      setRound((n) => n + 1);
    },
  });

  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await autofillAvailable()) || !live) return;
      try {
        const session = await answerFromAutofill<SessionInfo>(api, OPTIONS, VERIFY, () => live && !pressed.current);
        if (live && session) store.set(session);
      } catch (error) {
        // Cancelled (the button took over, the page closed) or refused by the browser: say nothing.
        if (live && !isBrowserRefusal(error)) setAutofillError(error);
      }
    })();
    return () => {
      live = false;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [api, store, round]);

  if (!passkeysSupported()) return null;
  const error = signIn.error ?? autofillError;
  return (
    <div className="passkey-sign-in">
      <p>{t('mfa.signIn.or')}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          pressed.current = true;
          setAutofillError(null);
          signIn.mutate();
        }}
        disabled={signIn.isPending}
      >
        {t('mfa.signIn.passkey')}
      </button>
      <div role="status">
        {error ? (
          <Notice tone="warning">{isBrowserRefusal(error) ? t('mfa.signIn.failed') : mfaError(t, error)}</Notice>
        ) : null}
      </div>
    </div>
  );
}
