import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentRequest } from '@portico/contracts';
import { formatDateTime } from '../../../app/ui/format';
import { BookRequestForm } from './BookRequestForm';
import { DeclineRequestForm } from './DeclineRequestForm';

type Panel = 'book' | 'decline' | null;

interface RequestCardProps {
  request: AppointmentRequest;
  canDecide: boolean;
  onDecided: (message: string) => void;
}

/** One request: who, with whom, when they would like it, why; staff book or decline it. */
export function RequestCard({ request: r, canDecide, onDecided }: RequestCardProps) {
  const { t, i18n } = useTranslation();
  const [panel, setPanel] = useState<Panel>(null);
  const bookButton = useRef<HTMLButtonElement>(null);
  const declineButton = useRef<HTMLButtonElement>(null);
  const headingId = `request-${r.id}`;
  const close = (which: Exclude<Panel, null>) => {
    setPanel(null);
    (which === 'book' ? bookButton : declineButton).current?.focus();
  };
  const toggle = (which: Exclude<Panel, null>) => setPanel((p) => (p === which ? null : which));

  return (
    <li className="sa-appt" aria-labelledby={headingId}>
      <h3 id={headingId} className="sa-appt__time">
        {t('scheduleAdmin.requests.heading', { patient: r.patientName, clinician: r.clinicianName })}
      </h3>
      <dl className="sa-appt__facts">
        <div>
          <dt>{t('scheduleAdmin.requests.preferred')}</dt>
          <dd>{r.preferredTimes}</dd>
        </div>
        <div>
          <dt>{t('scheduleAdmin.day.reason')}</dt>
          <dd>{r.reason || t('common.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('scheduleAdmin.requests.sent')}</dt>
          <dd>{formatDateTime(r.createdAt, i18n.language)}</dd>
        </div>
        {r.status !== 'pending' ? (
          <div>
            <dt>{t('scheduleAdmin.day.status')}</dt>
            <dd>
              <span className={r.status === 'booked' ? 'tag tag--ok' : 'tag'}>
                {r.status === 'booked' ? t('scheduleAdmin.requests.booked') : t('scheduleAdmin.requests.declined')}
              </span>
              {r.staffMessage ? <span> {r.staffMessage}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {canDecide ? (
        <div className="button-row sa-appt__actions">
          <button
            ref={bookButton}
            type="button"
            className="button button--secondary"
            aria-expanded={panel === 'book'}
            aria-controls={`${headingId}-book`}
            onClick={() => toggle('book')}
          >
            {t('scheduleAdmin.requests.book')}
            <span className="visually-hidden"> {t('scheduleAdmin.day.visitOf', { name: r.patientName })}</span>
          </button>
          <button
            ref={declineButton}
            type="button"
            className="button button--quiet"
            aria-expanded={panel === 'decline'}
            aria-controls={`${headingId}-decline`}
            onClick={() => toggle('decline')}
          >
            {t('scheduleAdmin.requests.decline')}
            <span className="visually-hidden"> {t('scheduleAdmin.day.visitOf', { name: r.patientName })}</span>
          </button>
        </div>
      ) : null}
      <div id={`${headingId}-book`} hidden={panel !== 'book'}>
        {panel === 'book' ? <BookRequestForm request={r} onDone={onDecided} onClose={() => close('book')} /> : null}
      </div>
      <div id={`${headingId}-decline`} hidden={panel !== 'decline'}>
        {panel === 'decline' ? (
          <DeclineRequestForm request={r} onDone={onDecided} onClose={() => close('decline')} />
        ) : null}
      </div>
    </li>
  );
}
