import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message, ResetRequestBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useApi } from '../../app/session/context';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { check, compact } from './personChecks';
import { AccountEmailField } from './PersonFields';

const FIELDS = ['email'] as const;

/** The words of one use of the form, already translated by the page. */
export interface EmailRequestText {
  title: string;
  intro: string;
  submit: string;
  back: string;
  sentTitle: string;
  sent: (email: string) => string;
  sentNext: string;
  sentBack: string;
}

/**
 * "Enter your email and we will send you a link": the form block the forgot-password and
 * sign-in-link pages share. The answer reads the same whether or not the account exists.
 */
export function EmailRequestForm({
  formId,
  endpoint,
  text,
}: {
  formId: string;
  endpoint: string;
  text: EmailRequestText;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const request = useMutation({
    mutationFn: (body: ResetRequestBody) => api.post<Message>(endpoint, body),
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
        <PageTitle>{text.sentTitle}</PageTitle>
        {/* Same words whether or not the account exists, so no one can probe for accounts. */}
        <Notice tone="success">{text.sent(request.variables.email)}</Notice>
        <p>{text.sentNext}</p>
        <p>
          <Link to="/signin">{text.sentBack}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>{text.title}</PageTitle>
      <p className="lede">{text.intro}</p>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <AccountEmailField formId={formId} value={email} onValue={setEmail} error={errors.fields.email} />
        <SubmitButton pending={request.isPending}>{text.submit}</SubmitButton>
      </form>
      <p>
        <Link to="/signin">{text.back}</Link>
      </p>
    </div>
  );
}
