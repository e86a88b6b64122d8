import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../app/forms/Field';
import { messageForError } from '../../../app/errors';
import { useRequiredSession } from '../../../app/session/context';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { ClinicianSelect } from '../../schedule-admin';
import { useQueue } from '../api';
import { formatDay } from '../VisitWhen';
import { DelegatesPanel } from './DelegatesPanel';
import { QueueItem } from './QueueItem';
import '../visit.css';
import './queue.css';

/**
 * The care team's day of virtual visits with each one's live state (read again every 10
 * seconds). Clinicians see their own; staff and admins pick a clinician or see everyone's.
 */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const isClinician = session.user.role === 'clinician';
  const [clinicianId, setClinicianId] = useState('');
  const [date, setDate] = useState('');
  const queue = useQueue(date, clinicianId);
  const list = queue.data;
  const waiting = list?.visits.filter((v) => v.liveState === 'waiting').length ?? 0;

  return (
    <div className="vi-page vi-page--wide">
      <PageTitle>{t('visit.queue.title')}</PageTitle>
      {list ? (
        <p className="lede">
          {formatDay(`${list.date}T12:00:00Z`, i18n.language)}
          {' · '}
          <span role="status">{t('visit.queue.waitingCount', { count: waiting })}</span>
        </p>
      ) : null}
      <div className="vi-queue-filters">
        <TextField
          formId="vi-queue"
          name="date"
          type="date"
          width="medium"
          label={t('visit.queue.date')}
          value={date || list?.date || ''}
          onChange={(event) => setDate(event.target.value)}
        />
        {isClinician ? null : (
          <ClinicianSelect formId="vi-queue" value={clinicianId} onChange={setClinicianId} allowAll />
        )}
      </div>
      {queue.isLoading ? <Loading /> : null}
      {queue.isError ? <ErrorMessage>{messageForError(t, queue.error)}</ErrorMessage> : null}
      {list && list.visits.length === 0 ? <p>{t('visit.queue.none')}</p> : null}
      {list && list.visits.length > 0 ? (
        <ol className="plain-list vi-queue">
          {list.visits.map((entry) => (
            <QueueItem
              key={entry.appointmentId}
              entry={entry}
              canAdmit={isClinician}
              showClinician={!isClinician}
              timeZone={list.timeZone}
              now={queue.dataUpdatedAt}
            />
          ))}
        </ol>
      ) : null}
      {isClinician ? <DelegatesPanel /> : null}
    </div>
  );
}
