import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { languageName } from '../../../app/ui/format';
import { formattingLocale } from '../../../app/i18n';
import { useVisitAction } from '../api';
import { PhoneLink } from '../PhoneLink';
import { formatTime } from '../VisitWhen';
import { CheckInAnswersView } from './CheckInAnswersView';

const OPEN_STATES = new Set(['not_checked_in', 'checked_in', 'waiting', 'in_visit']);

function StateTag({ entry }: { entry: QueueEntry }) {
  const { t } = useTranslation();
  const tone = entry.liveState === 'waiting' ? ' tag--ok' : entry.liveState === 'cancelled' ? ' tag--bad' : '';
  const text =
    entry.liveState === 'waiting'
      ? t('visit.queue.state.waiting', { count: entry.waitingMinutes ?? 0 })
      : t(`visit.queue.state.${entry.liveState}`);
  return <span className={`tag vi-state vi-state--${entry.liveState}${tone}`}>{text}</span>;
}

interface QueueItemProps {
  entry: QueueEntry;
  /** The visit's clinician: goes into the call after admitting, and may mark a no-show. Staff the
   * clinician named may admit too (entry.canAdmit) but stay on the list. */
  canAdmit: boolean;
  showClinician: boolean;
  timeZone: string;
  /** When the list was last read (keeps rendering pure). */
  now: number;
}

/** One visit in the day list: time, patient, live state, alerts, check-in answers and actions. */
export function QueueItem({ entry, canAdmit, showClinician, timeZone, now }: QueueItemProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const action = useVisitAction(entry.appointmentId);
  const [confirmNoShow, setConfirmNoShow] = useState(false);
  const call = `/visits/${entry.appointmentId}/call`;
  const open = OPEN_STATES.has(entry.liveState);
  const late = Date.parse(entry.start) < now;
  const time = formatTime(entry.start, i18n.language, timeZone);
  const admit = () => {
    if (action.isPending) return;
    // The clinician goes on into the call; staff they named stay on the list for the next patient.
    action.mutate({ kind: 'admit' }, { onSuccess: () => (canAdmit ? void navigate(call) : undefined) });
  };

  return (
    <li className={`vi-queue-item vi-queue-item--${entry.liveState}`}>
      <h2 className="vi-queue-item__title">
        <span className="vi-queue-item__time">{time}</span> {entry.patientName}
      </h2>
      <p className="vi-queue-item__meta">
        {entry.visitTypeName} · {t(`visit.modes.${entry.mode}`)}
        {showClinician ? ` · ${entry.clinicianName}` : ''}
      </p>
      <p className="tags">
        <StateTag entry={entry} />
        {entry.interpreterLanguage ? (
          <span className="badge vi-interpreter">
            {t('visit.queue.interpreter', {
              language: languageName(entry.interpreterLanguage, formattingLocale(i18n.language)),
            })}
          </span>
        ) : null}
      </p>
      {entry.cantConnectPhone && open ? (
        <div className="notice notice--warning" role="alert">
          <p className="notice__body">
            {t('visit.queue.cantConnect', { patient: entry.patientName })} <PhoneLink number={entry.cantConnectPhone} />
          </p>
        </div>
      ) : null}
      {entry.outcome ? <p className="hint">{t(`visit.outcomes.${entry.outcome}`)}</p> : null}
      {entry.checkIn ? (
        <details className="vi-answers-toggle">
          <summary>{t('visit.queue.answersToggle', { patient: entry.patientName })}</summary>
          <CheckInAnswersView answers={entry.checkIn} />
        </details>
      ) : null}
      {action.isError ? <ErrorMessage>{messageForError(t, action.error)}</ErrorMessage> : null}
      {open ? (
        <div className="button-row">
          {entry.liveState === 'waiting' && entry.canAdmit ? (
            <button type="button" className="button" aria-disabled={action.isPending || undefined} onClick={admit}>
              {t('visit.queue.admit', { patient: entry.patientName })}
            </button>
          ) : null}
          <Link className="button button--secondary" to={call}>
            {entry.liveState === 'in_visit' ? t('visit.queue.rejoin') : t('visit.queue.open')}
            <span className="visually-hidden"> {entry.patientName}</span>
          </Link>
          {canAdmit && late && entry.liveState !== 'in_visit' ? (
            confirmNoShow ? (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => action.mutate({ kind: 'end', body: { outcome: 'no_show' } })}
              >
                {t('visit.queue.confirmNoShow', { patient: entry.patientName })}
              </button>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => setConfirmNoShow(true)}>
                {t('visit.queue.noShow')}
                <span className="visually-hidden"> {entry.patientName}</span>
              </button>
            )
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
