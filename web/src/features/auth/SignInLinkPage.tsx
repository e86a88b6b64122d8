import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SignInResult, TokenBody } from '@portico/contracts';
import { needsSecondStep } from '../mfa';
import { messageForError } from '../../app/errors';
import { useApi, useSessionStore } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { EmailRequestForm } from './EmailRequestForm';

/**
 * Sign-in by a one-time link sent by email: asks for the link, or (opened from the email with a
 * token) uses it. The way in while password sign-in is slowed down by someone else's guessing.
 */
export function SignInLinkPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  return token === '' ? <AskForLink /> : <UseLink token={token} />;
}

function UseLink({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const navigate = useNavigate();
  const started = useRef(false);
  const complete = useMutation({
    mutationFn: (body: TokenBody) => api.post<SignInResult>('/api/auth/sign-in-link/complete', body),
    // The public-only guard then takes the person home; a second factor comes first when set up.
    onSuccess: (result) => {
      if (!needsSecondStep(result)) return store.set(result);
      void navigate('/signin/verify', { state: { methods: result.methods } });
    },
  });
  const { mutate } = complete;
  useEffect(() => {
    // Single-use token: send it once, even if React runs this effect twice.
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);
  return (
    <div className="narrow">
      <PageTitle>{t('auth.signInLink.title')}</PageTitle>
      {complete.isError ? (
        <>
          <ErrorMessage>{messageForError(t, complete.error)}</ErrorMessage>
          <p className="next-step">
            <Link to="/signin/link">{t('auth.signInLink.askAgain')}</Link>
          </p>
        </>
      ) : (
        <Loading label={t('auth.signInLink.checking')} />
      )}
    </div>
  );
}

function AskForLink() {
  const { t } = useTranslation();
  return (
    <EmailRequestForm
      formId="signin-link"
      endpoint="/api/auth/sign-in-link/request"
      text={{
        title: t('auth.signInLink.title'),
        intro: t('auth.signInLink.intro'),
        submit: t('auth.signInLink.submit'),
        back: t('auth.signInLink.back'),
        sentTitle: t('auth.signInLink.sentTitle'),
        sent: (email) => t('auth.signInLink.sent', { email }),
        sentNext: t('auth.signInLink.sentNext'),
        sentBack: t('auth.signInLink.back'),
      }}
    />
  );
}
