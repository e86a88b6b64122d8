import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { SelectField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';

const CHOICES = [5, 10, 15, 20, 30, 45, 60];

/** Tells the waiting patient the clinician is running late (0 clears it). */
export function RunningLate({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  const action = useVisitAction(visit.appointmentId);
  const current = visit.waiting.runningLateMinutes;
  const [minutes, setMinutes] = useState(String(current ?? 10));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!action.isPending) action.mutate({ kind: 'running-late', minutes: Number(minutes) });
  };
  return (
    <form className="vi-host-section" onSubmit={submit} aria-labelledby="vi-late-title">
      <h3 id="vi-late-title">{t('visit.host.late.title')}</h3>
      <p className="hint" role="status">
        {current ? t('visit.host.late.current', { count: current }) : t('visit.host.late.none')}
      </p>
      {action.isError ? <ErrorMessage>{messageForError(t, action.error)}</ErrorMessage> : null}
      <SelectField
        formId="vi-late"
        name="minutes"
        label={t('visit.host.late.label')}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
      >
        {CHOICES.map((m) => (
          <option key={m} value={m}>
            {t('visit.host.late.minutes', { count: m })}
          </option>
        ))}
        <option value="0">{t('visit.host.late.onTime')}</option>
      </SelectField>
      <SubmitButton pending={action.isPending} variant="secondary">
        {t('visit.host.late.submit')}
      </SubmitButton>
    </form>
  );
}
