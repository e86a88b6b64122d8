import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { TextField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';

const PHONE = /^[+0-9 ().-]{7,40}$/;

/** "I'll call you at …": the visit continues by phone, prefilled with the check-in number. */
export function PhoneSwitch({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  const action = useVisitAction(visit.appointmentId);
  const [typed, setTyped] = useState<string | null>(null);
  const number = typed ?? visit.phoneFallback.number ?? visit.checkIn.answers?.contactPhone ?? '';
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (action.isPending) return;
    if (!PHONE.test(number.trim())) {
      setError(t('visit.checkIn.errors.phone'));
      return;
    }
    setError(undefined);
    action.mutate({ kind: 'phone', number: number.trim() });
  };
  return (
    <form className="vi-host-section" onSubmit={submit} noValidate aria-labelledby="vi-phone-title">
      <h3 id="vi-phone-title">{t('visit.host.phone.title')}</h3>
      <p className="hint">{t('visit.host.phone.hint', { patient: visit.patientName })}</p>
      {action.isError ? <ErrorMessage>{messageForError(t, action.error)}</ErrorMessage> : null}
      <TextField
        formId="vi-phone"
        name="number"
        type="tel"
        width="medium"
        label={t('visit.host.phone.label')}
        value={number}
        error={error}
        onChange={(event) => setTyped(event.target.value)}
      />
      <SubmitButton pending={action.isPending} variant="secondary">
        {visit.phoneFallback.active ? t('visit.host.phone.update') : t('visit.host.phone.submit')}
      </SubmitButton>
    </form>
  );
}
