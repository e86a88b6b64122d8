import type { LedgerLine } from '@portico/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { fieldId } from '../../app/forms/fieldId';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { formatDateTime } from '../../app/ui/format';
import { useOpenDispute } from './api';

const FIELDS = ['reason'] as const;

/** Under a charge: ask the billing office about it, or see where that question stands. */
export function DisputeLine({ line }: { line: LedgerLine }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const dispute = useOpenDispute();
  const formId = `dispute-${line.id}`;
  const d = line.dispute;
  const toggle = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const opened = useRef(false);
  // Keyboard focus follows the change: into the form when it opens, back to the button when it
  // closes, onto the confirmation once the question is sent.
  useEffect(() => {
    if (open) document.getElementById(fieldId(formId, 'reason'))?.focus();
    else if (opened.current) toggle.current?.focus();
    opened.current = open;
  }, [open, formId]);
  const isOpen = d?.status === 'open';
  useEffect(() => {
    if (isOpen && opened.current) status.current?.focus();
  }, [isOpen]);

  if (d?.status === 'open') {
    return (
      <p className="billing-dispute" role="status" tabIndex={-1} ref={status}>
        {t('billing.dispute.open', { date: formatDateTime(d.openedAt, i18n.language) })}
      </p>
    );
  }
  const answer = d ? (
    <div className="billing-dispute">
      <p className="billing-dispute__title">
        {d.resolution === 'adjusted' ? t('billing.dispute.adjusted') : t('billing.dispute.upheld')}
      </p>
      <p>{d.response}</p>
    </div>
  ) : null;
  if (line.type !== 'charge' || line.amountCents <= 0) return answer;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (dispute.isPending) return;
    if (reason.trim() === '') return fail({ reason: t('billing.dispute.reasonRequired') });
    clear();
    dispute.mutate({ lineId: line.id, reason: reason.trim() }, { onError: failWith });
  };

  return (
    <>
      {answer}
      {open ? (
        <form id={formId} className="billing-dispute" noValidate onSubmit={onSubmit}>
          <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
          <TextAreaField
            formId={formId}
            name="reason"
            label={t('billing.dispute.reason')}
            hint={t('billing.dispute.reasonHint')}
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields.reason}
          />
          <div className="button-row">
            <SubmitButton pending={dispute.isPending}>{t('billing.dispute.send')}</SubmitButton>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('billing.dispute.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--secondary" ref={toggle} onClick={() => setOpen(true)}>
          {t('billing.dispute.ask')}
        </button>
      )}
    </>
  );
}
