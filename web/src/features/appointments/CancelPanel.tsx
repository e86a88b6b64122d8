import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, CancelBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useCancel } from './api';
import { CallToChange } from './CallToChange';
import { problemCode, schedulingMessage } from './bookingErrors';
import { TextAreaField } from '../../app/forms/Field';

const FORM = 'cancel';
const FIELDS = ['reason'] as const;

/** "Cancel this visit?" with an optional reason; nothing happens until the person confirms. */
export function CancelPanel({
  appointment,
  onClose,
  onCancelled,
}: {
  appointment: Appointment;
  onClose: () => void;
  onCancelled: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const cancel = useCancel(appointment.id, onCancelled);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cancel.isPending) return;
    clear();
    setCode(null);
    const body: CancelBody = {};
    if (reason.trim()) body.reason = reason.trim();
    cancel.mutate(body, {
      onError: (error) => {
        const failed = problemCode(error);
        setCode(failed);
        if (failed === 'validation_failed') failWith(error);
        else fail({}, [schedulingMessage(t, error)]);
      },
    });
  };

  return (
    <section className="panel ap-panel" aria-labelledby="ap-cancel-title">
      <h2 id="ap-cancel-title">{t('appointments.cancel.title')}</h2>
      <p>{t('appointments.cancel.intro')}</p>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      {code === 'cancellation_cutoff' ? <CallToChange appointment={appointment} /> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={FORM}
          name="reason"
          label={t('appointments.cancel.reason')}
          hint={t('appointments.cancel.reasonHint')}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.fields.reason}
        />
        <div className="button-row">
          <SubmitButton pending={cancel.isPending}>{t('appointments.cancel.submit')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('appointments.cancel.keep')}
          </button>
        </div>
      </form>
    </section>
  );
}
