import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useAppointmentRequests, useAppointments } from './api';
import { AppointmentItem } from './AppointmentItem';
import { RequestList } from './RequestList';
import { useNow } from './useNow';
import './appointments.css';

/** Upcoming and past visits, and requests waiting for the office. */
export function AppointmentsPage() {
  const { t } = useTranslation();
  const list = useAppointments();
  const requests = useAppointmentRequests();
  const now = useNow();
  const open = (requests.data ?? []).filter((r) => r.status !== 'booked');

  return (
    <>
      <PageTitle>{t('appointments.title')}</PageTitle>
      <p className="lede">{t('appointments.intro')}</p>
      <p>
        <Link className="button button--secondary" to="/find-a-doctor">
          {t('appointments.findDoctor')}
        </Link>
      </p>
      {list.isLoading ? <Loading /> : null}
      {list.isError ? (
        <ErrorMessage>
          <p>
            {t('appointments.loadError')} {messageForError(t, list.error)}
          </p>
          <button type="button" className="button button--secondary" onClick={() => void list.refetch()}>
            {t('appointments.retry')}
          </button>
        </ErrorMessage>
      ) : null}
      {list.data ? (
        <section className="section" aria-labelledby="ap-upcoming">
          <h2 id="ap-upcoming">{t('appointments.upcoming.title')}</h2>
          {list.data.upcoming.length === 0 ? (
            <p>{t('appointments.upcoming.none')}</p>
          ) : (
            <ul className="ap-list">
              {list.data.upcoming.map((a) => (
                <AppointmentItem key={a.id} appointment={a} now={now} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {open.length > 0 ? (
        <section className="section" aria-labelledby="ap-requests">
          <h2 id="ap-requests">{t('appointments.requests.title')}</h2>
          <p>{t('appointments.requests.intro')}</p>
          <RequestList requests={open} />
        </section>
      ) : null}
      {list.data ? (
        <section className="section" aria-labelledby="ap-past">
          <h2 id="ap-past">{t('appointments.past.title')}</h2>
          {list.data.past.length === 0 ? (
            <p>{t('appointments.past.none')}</p>
          ) : (
            <ul className="ap-list">
              {list.data.past.map((a) => (
                <AppointmentItem key={a.id} appointment={a} now={now} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
