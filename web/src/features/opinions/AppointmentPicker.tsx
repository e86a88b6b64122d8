import type { Appointment, OpinionRequest } from '@portico/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/ui/Loading';
import { usePatientUpcoming } from './api';

function when(a: Appointment, locale: string): string {
  return new Date(a.start).toLocaleString(locale, { timeZone: a.timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Links the consultation to one of the patient's upcoming appointments, chosen from a list (not a
 * pasted id); when none is booked yet, the staff schedule is one link away.
 */
export function AppointmentPicker(props: {
  request: OpinionRequest;
  pending: boolean;
  onLink: (appointmentId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const upcoming = usePatientUpcoming(props.request.patientId);
  const [chosen, setChosen] = useState('');
  const linked = upcoming.appointments.find((a) => a.id === props.request.appointmentId);
  const choices = upcoming.appointments.filter((a) => a.id !== props.request.appointmentId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) props.onLink(chosen);
  };
  const label = (a: Appointment) =>
    t('opinions.review.appointmentOption', {
      when: when(a, i18n.language),
      clinician: a.clinicianName,
      type: a.visitTypeName,
    });
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('opinions.review.scheduleTitle')}</h2>
      {props.request.appointmentId ? (
        <p>
          {linked
            ? t('opinions.review.linkedAppointment', { appointment: label(linked) })
            : t('opinions.review.linkedPast')}
        </p>
      ) : null}
      {upcoming.isPending ? <Loading /> : null}
      {upcoming.isError ? <p role="alert">{t('opinions.review.appointmentsFailed')}</p> : null}
      {!upcoming.isPending && choices.length === 0 ? <p>{t('opinions.review.noAppointments')}</p> : null}
      {choices.length > 0 ? (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-appointment`}>
            {t('opinions.review.appointment')}
          </label>
          <select id={`${id}-appointment`} className="input" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('opinions.form.choose')}</option>
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {label(a)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="opinion-actions">
        {choices.length > 0 ? (
          <button type="submit" className="button" disabled={!chosen || props.pending}>
            {t('opinions.review.schedule')}
          </button>
        ) : null}
        <Link className="button button--secondary" to="/schedule">
          {t('opinions.review.bookInSchedule', { name: props.request.patientName })}
        </Link>
      </div>
    </form>
  );
}
