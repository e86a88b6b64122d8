import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';
import { DeviceCheckHere } from './DeviceCheckHere';
import { locationName } from '../placeNames';
import { NotRecorded } from '../NotRecorded';

interface ReadyToStartProps {
  view: VisitView;
  onChangeAnswers: () => void;
}

/** Checked in: one big button takes the patient to the waiting room. */
export function ReadyToStart({ view, onChangeAnswers }: ReadyToStartProps) {
  const { t, i18n } = useTranslation();
  const start = useVisitAction(view.appointmentId);
  const answers = view.checkIn.answers;
  const phone = view.mode === 'phone';
  return (
    <section aria-labelledby="ready-title" className="vi-ready">
      <h2 id="ready-title">{t('visit.ready.title')}</h2>
      <p>{phone ? t('visit.ready.introPhone') : t('visit.ready.intro', { clinician: view.clinicianName })}</p>
      {start.isError ? <ErrorMessage>{messageForError(t, start.error)}</ErrorMessage> : null}
      <button
        type="button"
        className="button vi-start"
        aria-disabled={start.isPending || undefined}
        onClick={() => {
          if (!start.isPending) start.mutate({ kind: 'start' });
        }}
      >
        {phone ? t('visit.ready.startPhone') : t('visit.ready.start')}
        {start.isPending ? <span className="button__busy" aria-hidden="true" /> : null}
      </button>
      <NotRecorded />
      {answers ? (
        <dl className="details">
          <div>
            <dt>{t('visit.ready.where')}</dt>
            <dd>{locationName(t, answers.locationCountry, answers.locationRegion, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('visit.ready.phone')}</dt>
            <dd>{answers.contactPhone}</dd>
          </div>
          {answers.questions ? (
            <div>
              <dt>{t('visit.ready.questions')}</dt>
              <dd className="vi-prewrap">{answers.questions}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <p>
        <button type="button" className="button button--quiet" onClick={onChangeAnswers}>
          {t('visit.ready.change')}
        </button>
      </p>
      {phone ? null : (
        <>
          <h3>{t('visit.tips.title')}</h3>
          <ul className="vi-tips">
            <li>{t('visit.tips.quiet')}</li>
            <li>{t('visit.tips.light')}</li>
            <li>{t('visit.tips.phone')}</li>
            <li>{t('visit.tips.medications')}</li>
          </ul>
          <DeviceCheckHere />
        </>
      )}
    </section>
  );
}
