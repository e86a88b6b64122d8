import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { formatDayAndTime, formatMoment, formatTimeWithZone, patientTimeZone, zonesDiffer } from '../find-doctor';

const STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'checked-in',
  'waitlist',
  'entered-in-error',
] as const;
type Status = (typeof STATUSES)[number];

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** Statuses in which a visit is still going to happen. */
const ACTIVE: readonly string[] = ['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'waitlist'];

export function isActive(appointment: Appointment): boolean {
  return ACTIVE.includes(appointment.status);
}

export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: string) => (isStatus(status) ? t(`appointments.status.${status}`) : status);
}

export function StatusTag({ status }: { status: string }) {
  const label = useStatusLabel();
  const tone = status === 'booked' || status === 'fulfilled' ? ' tag--ok' : status === 'cancelled' ? ' tag--bad' : '';
  return <span className={`tag${tone}`}>{label(status)}</span>;
}

export function ModeTag({ mode }: { mode: Appointment['mode'] }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`appointments.modes.${mode}`)}</span>;
}

/** The visit's time in the patient's zone; the clinic's time too when a clock there reads differently. */
export function useWhen() {
  const { i18n } = useTranslation();
  const zone = patientTimeZone();
  return (a: Pick<Appointment, 'start' | 'timeZone'>) => ({
    short: formatDayAndTime(a.start, i18n.language, zone),
    long: formatMoment(a.start, i18n.language, zone),
    clinic: zonesDiffer(a.start, zone, a.timeZone) ? formatTimeWithZone(a.start, i18n.language, a.timeZone) : null,
    clinicLong: zonesDiffer(a.start, zone, a.timeZone) ? formatMoment(a.start, i18n.language, a.timeZone) : null,
  });
}

/** What the patient should do next for an upcoming visit, or null when nothing. */
export function NextStep({ appointment, now }: { appointment: Appointment; now: number }) {
  const { t, i18n } = useTranslation();
  if (!isActive(appointment) || Date.parse(appointment.end) < now) return null;
  if (appointment.status === 'pending' || appointment.status === 'proposed' || appointment.status === 'waitlist') {
    return <p className="ap-next">{t('appointments.next.pending')}</p>;
  }
  if (appointment.mode === 'in_person') return <p className="ap-next">{t('appointments.next.inPerson')}</p>;
  const opens = Date.parse(appointment.checkInOpensAt);
  if (now >= opens) {
    const phone = appointment.mode === 'phone';
    return (
      <div className="ap-next ap-next--now">
        <p>{phone ? t('appointments.next.phone') : t('appointments.next.checkInOpen')}</p>
        <Link className="button" to={`/visits/${appointment.id}`}>
          {phone ? t('appointments.next.checkInPhone') : t('appointments.next.checkInVideo')}
        </Link>
      </div>
    );
  }
  if (appointment.mode === 'phone') return <p className="ap-next">{t('appointments.next.phone')}</p>;
  const minutes = Math.round((Date.parse(appointment.start) - opens) / 60_000);
  return (
    <p className="ap-next">
      {t('appointments.next.checkInLater', {
        count: minutes,
        when: formatDayAndTime(appointment.checkInOpensAt, i18n.language, patientTimeZone()),
      })}
    </p>
  );
}
