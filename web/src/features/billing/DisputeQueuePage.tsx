import type { DisputeQueueItem } from '@portico/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { formatDateTime } from '../../app/ui/format';
import { LoadProblem } from '../sharing';
import { useDisputeQueue, useResolveDispute } from './api';
import { money, parseDollars } from './format';
import './billing.css';

/** The billing office's queue of patients' questions about their bills, oldest first. */
export function DisputeQueuePage() {
  const { t } = useTranslation();
  const queue = useDisputeQueue('open');
  const [answered, setAnswered] = useState<string | null>(null);
  const done = useRef<HTMLDivElement>(null);
  // The answered item leaves the list; focus goes to the confirmation instead of the page body.
  useEffect(() => {
    if (answered) done.current?.focus();
  }, [answered]);
  return (
    <div className="narrow-wide billing">
      <PageTitle>{t('billing.queue.title')}</PageTitle>
      <p className="lede">{t('billing.queue.intro')}</p>
      {answered ? (
        <div tabIndex={-1} ref={done}>
          <Notice tone="success">{t('billing.queue.answered', { name: answered })}</Notice>
        </div>
      ) : null}
      {queue.isLoading ? <Loading /> : null}
      {queue.isError ? (
        <LoadProblem lead={t('billing.queue.loadError')} error={queue.error} retry={() => void queue.refetch()} />
      ) : null}
      {queue.data?.disputes.length === 0 ? <p>{t('billing.queue.none')}</p> : null}
      <ul className="billing-lines">
        {queue.data?.disputes.map((d) => (
          <QueueItem key={d.id} dispute={d} onDone={() => setAnswered(d.patientName)} />
        ))}
      </ul>
    </div>
  );
}

const FIELDS = ['resolution', 'adjustmentCents', 'response'] as const;
type Field = (typeof FIELDS)[number];

function QueueItem({ dispute, onDone }: { dispute: DisputeQueueItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [resolution, setResolution] = useState<'upheld' | 'adjusted'>('upheld');
  const [amount, setAmount] = useState('');
  const [response, setResponse] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const resolve = useResolveDispute();
  const formId = `resolve-${dispute.id}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (resolve.isPending) return;
    const problems: FieldErrors<Field> = {};
    const cents = parseDollars(amount);
    if (resolution === 'adjusted' && (cents === null || cents <= 0))
      problems.adjustmentCents = t('billing.queue.amountInvalid');
    if (response.trim() === '') problems.response = t('billing.queue.responseRequired');
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    resolve.mutate(
      {
        id: dispute.id,
        body: {
          resolution,
          response: response.trim(),
          ...(resolution === 'adjusted' && cents ? { adjustmentCents: cents } : {}),
        },
      },
      { onSuccess: onDone, onError: failWith },
    );
  };

  return (
    <li className="billing-line">
      <div className="billing-line__what">
        <h2 className="billing-line__type">{dispute.patientName}</h2>
        <p>{dispute.explanation}</p>
        <p>
          {t('billing.queue.asked', { date: formatDateTime(dispute.openedAt, locale) })} <q>{dispute.reason}</q>
        </p>
        <form id={formId} noValidate onSubmit={onSubmit}>
          <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
          <fieldset>
            <legend>{t('billing.queue.decision')}</legend>
            {(['upheld', 'adjusted'] as const).map((choice) => (
              <div className="choice" key={choice}>
                <input
                  type="radio"
                  id={`${formId}-${choice}`}
                  name="resolution"
                  checked={resolution === choice}
                  onChange={() => setResolution(choice)}
                />
                <label htmlFor={`${formId}-${choice}`}>{t(`billing.queue.${choice}`)}</label>
              </div>
            ))}
          </fieldset>
          {resolution === 'adjusted' ? (
            <TextField
              formId={formId}
              name="adjustmentCents"
              label={t('billing.queue.amount')}
              hint={t('billing.queue.amountHint', { amount: money(dispute.amountCents, locale) })}
              inputMode="decimal"
              width="short"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={errors.fields.adjustmentCents}
            />
          ) : null}
          <TextAreaField
            formId={formId}
            name="response"
            label={t('billing.queue.response')}
            value={response}
            maxLength={2000}
            onChange={(e) => setResponse(e.target.value)}
            error={errors.fields.response}
          />
          <SubmitButton pending={resolve.isPending}>{t('billing.queue.send')}</SubmitButton>
        </form>
      </div>
      <div className="billing-line__amount">{money(dispute.amountCents, locale)}</div>
    </li>
  );
}
