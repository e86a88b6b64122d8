import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentRequest } from '@portico/contracts';
import { formatDate } from '../../app/ui/format';
import { dayKey, patientTimeZone } from '../find-doctor';

const STATUS_TONE: Record<string, string> = { booked: 'tag tag--ok', declined: 'tag tag--bad' };

function isKnownStatus(status: string): status is 'pending' | 'booked' | 'declined' {
  return status === 'pending' || status === 'booked' || status === 'declined';
}

/** The patient's appointment requests, with the office's message on declined ones. */
export function RequestList({ requests }: { requests: readonly AppointmentRequest[] }) {
  const { t, i18n } = useTranslation();
  const zone = patientTimeZone();
  return (
    <ul className="result-list">
      {requests.map((r) => (
        <li key={r.id} className="result ap-request">
          <h3 className="ap-request__title">{t('appointments.requests.to', { clinician: r.clinicianName })}</h3>
          <p className="tags">
            <span className={STATUS_TONE[r.status] ?? 'tag'}>
              {isKnownStatus(r.status) ? t(`appointments.requests.status.${r.status}`) : r.status}
            </span>
          </p>
          <p className="hint">
            {t('appointments.requests.sent', { date: formatDate(dayKey(r.createdAt, zone), i18n.language) })}
          </p>
          <dl className="ap-request__facts">
            <dt>{t('appointments.requests.preferredTimes')}</dt>
            <dd>{r.preferredTimes}</dd>
            {r.reason ? (
              <>
                <dt>{t('appointments.requests.reason')}</dt>
                <dd>{r.reason}</dd>
              </>
            ) : null}
            {r.staffMessage ? (
              <>
                <dt>{t('appointments.requests.staffMessage')}</dt>
                <dd className="ap-request__message">{r.staffMessage}</dd>
              </>
            ) : null}
          </dl>
          {r.appointmentId ? (
            <p>
              <Link to={`/appointments/${r.appointmentId}`}>{t('appointments.requests.seeAppointment')}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
