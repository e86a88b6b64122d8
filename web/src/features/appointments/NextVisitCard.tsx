import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAppointments } from './api';
import { NextStep, useWhen } from './presentation';
import { useNow } from './useNow';

/** The home page's appointments card: the next visit, and the way to all of them. */
export function NextVisitCard() {
  const { t } = useTranslation();
  const list = useAppointments();
  const when = useWhen();
  const now = useNow();
  const next = list.data?.upcoming[0];
  return (
    <li className="card">
      <h2 className="card__title">{t('home.patient.areas.appointments.title')}</h2>
      {next ? (
        <div className="card__text">
          <p className="ap-home__when">{t('appointments.home.next', { when: when(next).short })}</p>
          <p>{t('appointments.home.nextWith', { visitType: next.visitTypeName, clinician: next.clinicianName })}</p>
          <NextStep appointment={next} now={now} />
        </div>
      ) : (
        <p className="card__text">
          {list.data ? t('appointments.home.none') : t('home.patient.areas.appointments.text')}
        </p>
      )}
      <p>
        {next || !list.data ? (
          <Link to="/appointments">{t('appointments.home.see')}</Link>
        ) : (
          <Link to="/find-a-doctor">{t('appointments.home.book')}</Link>
        )}
      </p>
    </li>
  );
}
