import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndVisitBody, VisitView } from '@portico/contracts';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';

type Outcome = NonNullable<EndVisitBody['outcome']>;

/**
 * Ends the visit with what happened. "Completed" is recorded by the server as by video or by
 * phone depending on whether video ever connected; no-show only before the patient was let in.
 */
export function EndVisit({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  const action = useVisitAction(visit.appointmentId);
  const seen = visit.status === 'in-progress';
  const choices: Outcome[] = seen ? ['completed', 'technical_failure'] : ['completed', 'technical_failure', 'no_show'];
  // The choices change when the patient is let in: a choice no longer offered falls back to the default.
  const [picked, setOutcome] = useState<Outcome | null>(null);
  const outcome: Outcome = picked !== null && choices.includes(picked) ? picked : seen ? 'completed' : 'no_show';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!action.isPending) action.mutate({ kind: 'end', body: { outcome } });
  };
  return (
    <form className="vi-host-section" onSubmit={submit} aria-labelledby="vi-end-title">
      <h3 id="vi-end-title">{t('visit.host.end.title')}</h3>
      {action.isError ? <ErrorMessage>{messageForError(t, action.error)}</ErrorMessage> : null}
      <fieldset className="vi-fieldset">
        <legend className="vi-legend">{t('visit.host.end.legend')}</legend>
        {choices.map((choice) => (
          <div className="choice vi-choice" key={choice}>
            <input
              type="radio"
              id={`vi-end-${choice}`}
              name="outcome"
              value={choice}
              checked={outcome === choice}
              onChange={() => setOutcome(choice)}
            />
            <label htmlFor={`vi-end-${choice}`}>
              <span className="block">{t(`visit.host.end.${choice}`)}</span>
              <span className="block hint">{t(`visit.host.end.${choice}Hint`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <SubmitButton pending={action.isPending}>{t('visit.host.end.submit')}</SubmitButton>
    </form>
  );
}
