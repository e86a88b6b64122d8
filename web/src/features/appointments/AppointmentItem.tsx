import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { ModeTag, NextStep, StatusTag, useWhen } from './presentation';

/** One visit in a list: when (patient's and clinic's time), with whom, how, status and next step. */
export function AppointmentItem({ appointment, now }: { appointment: Appointment; now: number }) {
  const { t } = useTranslation();
  const when = useWhen()(appointment);
  const withId = useId();
  return (
    <li className="ap-item">
      <img className="ap-photo" src={appointment.clinicianPhotoUrl} alt="" width={56} height={56} loading="lazy" />
      <div className="ap-item__body">
        <h3 className="ap-item__when">
          <Link to={`/appointments/${appointment.id}`} aria-describedby={withId}>
            {when.short}
          </Link>
        </h3>
        <p id={withId} className="ap-item__with">
          {t('appointments.item.with', {
            visitType: appointment.visitTypeName,
            clinician: appointment.clinicianName,
          })}
        </p>
        {when.clinic ? <p className="hint">{t('appointments.item.clinicTime', { time: when.clinic })}</p> : null}
        <p className="tags">
          <ModeTag mode={appointment.mode} />
          <StatusTag status={appointment.status} />
        </p>
        {appointment.status === 'cancelled' && appointment.cancelReason ? (
          <p className="hint">{t('appointments.item.cancelReason', { reason: appointment.cancelReason })}</p>
        ) : null}
        <NextStep appointment={appointment} now={now} />
      </div>
    </li>
  );
}
