import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message, ResetRequestBody, SignInResult, TokenBody } from '@portico/contracts';
import { needsSecondStep } from '../mfa/api';
import { messageForError } from '../../app/errors';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useApi, useSessionStore } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { check, compact } from './personChecks';

const FORM = 'signin-link';
const FIELDS = ['email'] as const;

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
  const api = useApi();
  const [email, setEmail] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const request = useMutation({
    mutationFn: (body: ResetRequestBody) => api.post<Message>('/api/auth/sign-in-link/request', body),
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.isPending) return;
    const problems = compact({ email: check.email(t, email) });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    request.mutate({ email: email.trim() });
  };

  if (request.isSuccess) {
    return (
      <div className="narrow">
        <PageTitle>{t('auth.signInLink.sentTitle')}</PageTitle>
        {/* Same words whether or not the account exists, so no one can probe for accounts. */}
        <Notice tone="success">{t('auth.signInLink.sent', { email: request.variables.email })}</Notice>
        <p>{t('auth.signInLink.sentNext')}</p>
        <p>
          <Link to="/signin">{t('auth.signInLink.back')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>{t('auth.signInLink.title')}</PageTitle>
      <p className="lede">{t('auth.signInLink.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="email"
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <SubmitButton pending={request.isPending}>{t('auth.signInLink.submit')}</SubmitButton>
      </form>
      <p>
        <Link to="/signin">{t('auth.signInLink.back')}</Link>
      </p>
    </div>
  );
}
