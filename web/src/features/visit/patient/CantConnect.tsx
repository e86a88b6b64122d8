import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { ErrorMessage, Notice } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';

/** "I can't connect": alerts the clinician, who will call the contact phone instead. */
export function CantConnect({ view }: { view: VisitView }) {
  const { t } = useTranslation();
  const action = useVisitAction(view.appointmentId);
  const told = view.phoneFallback.cantConnectAt !== null || action.isSuccess;
  const number = view.checkIn.answers?.contactPhone ?? '';
  return (
    <section className="vi-trouble" aria-labelledby="vi-trouble-title">
      <h3 id="vi-trouble-title">{t('visit.waiting.troubleTitle')}</h3>
      {told ? (
        <Notice tone="success">{t('visit.waiting.toldCant', { clinician: view.clinicianName, number })}</Notice>
      ) : (
        <>
          <p>{t('visit.waiting.troubleBody', { number })}</p>
          {action.isError ? <ErrorMessage>{messageForError(t, action.error)}</ErrorMessage> : null}
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={action.isPending || undefined}
            onClick={() => {
              if (!action.isPending) action.mutate({ kind: 'cant-connect' });
            }}
          >
            {t('visit.waiting.cantConnect')}
          </button>
        </>
      )}
    </section>
  );
}
