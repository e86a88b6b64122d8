import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message, TokenBody } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useApi, useSession } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';

/** Opened from the link in the sign-up email: confirms the address as soon as it loads. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const api = useApi();
  const signedIn = useSession() !== null;
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const started = useRef(false);
  const verify = useMutation({
    mutationFn: (body: TokenBody) => api.post<Message>('/api/auth/verify-email', body),
  });
  const { mutate } = verify;

  useEffect(() => {
    // Tokens are single-use: send it once, even if React runs this effect twice.
    if (started.current || token === '') return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  const next = signedIn ? (
    <Link to="/">{t('common.backHome')}</Link>
  ) : (
    <Link to="/signin">{t('auth.verify.toSignIn')}</Link>
  );

  return (
    <div className="narrow">
      <PageTitle>{t('auth.verify.title')}</PageTitle>
      {token === '' ? <ErrorMessage>{t('auth.verify.missingToken')}</ErrorMessage> : null}
      {verify.isPending ? <Loading label={t('auth.verify.checking')} /> : null}
      {verify.isSuccess ? <Notice tone="success">{t('auth.verify.done')}</Notice> : null}
      {verify.isError ? (
        <ErrorMessage>
          <p>{messageForError(t, verify.error)}</p>
          <p>{t('auth.verify.tryAgain')}</p>
        </ErrorMessage>
      ) : null}
      {verify.isPending ? null : <p className="next-step">{next}</p>}
    </div>
  );
}
