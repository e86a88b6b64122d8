import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { formatTime } from '../lib/time';
import { CancelForm } from './CancelForm';
import { MoveForm } from './MoveForm';

export type Action = 'move' | 'cancel';

interface AppointmentCardProps {
  appointment: Appointment;
  canChange: boolean;
  open: Action | null;
  onOpen: (action: Action | null) => void;
  onMoved: (moved: Appointment) => void;
  onCancelled: (cancelled: Appointment) => void;
}

const CHANGEABLE = new Set(['booked', 'pending', 'proposed', 'waitlist']);

/** One visit in the day view: time, patient, visit type, video/phone, status, and staff actions. */
export function AppointmentCard({
  appointment: a,
  canChange,
  open,
  onOpen,
  onMoved,
  onCancelled,
}: AppointmentCardProps) {
  const { t, i18n } = useTranslation();
  const moveButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const headingId = `appt-${a.id}`;
  const changeable = canChange && CHANGEABLE.has(a.status);
  const close = (action: Action) => {
    onOpen(null);
    (action === 'move' ? moveButton : cancelButton).current?.focus();
  };
  const time = `${formatTime(a.start, i18n.language, a.timeZone)} – ${formatTime(a.end, i18n.language, a.timeZone)}`;

  return (
    <li className={a.status === 'cancelled' ? 'sa-appt sa-appt--cancelled' : 'sa-appt'} aria-labelledby={headingId}>
      <h3 id={headingId} className="sa-appt__time">
        {time}
        <span className="visually-hidden">, {a.patientName}</span>
      </h3>
      <dl className="sa-appt__facts">
        <div>
          <dt>{t('scheduleAdmin.day.patient')}</dt>
          <dd className="sa-appt__patient">{a.patientName}</dd>
        </div>
        <div>
          <dt>{t('scheduleAdmin.day.clinician')}</dt>
          <dd>{a.clinicianName}</dd>
        </div>
        <div>
          <dt>{t('scheduleAdmin.day.visitType')}</dt>
          <dd>
            {a.visitTypeName} · {t(`scheduleAdmin.modes.${a.mode}`)}
          </dd>
        </div>
        <div>
          <dt>{t('scheduleAdmin.day.status')}</dt>
          <dd>
            <span className={a.status === 'cancelled' ? 'tag tag--bad' : a.status === 'booked' ? 'tag tag--ok' : 'tag'}>
              {t(`scheduleAdmin.status.${statusKey(a.status)}`)}
            </span>
            {a.cancelReason ? <span className="sa-appt__reason"> {a.cancelReason}</span> : null}
          </dd>
        </div>
        {a.reason ? (
          <div>
            <dt>{t('scheduleAdmin.day.reason')}</dt>
            <dd>{a.reason}</dd>
          </div>
        ) : null}
      </dl>
      {changeable ? (
        <div className="button-row sa-appt__actions">
          <button
            ref={moveButton}
            type="button"
            className="button button--secondary"
            aria-expanded={open === 'move'}
            aria-controls={`${headingId}-move`}
            onClick={() => onOpen(open === 'move' ? null : 'move')}
          >
            {t('scheduleAdmin.day.move')}
            <span className="visually-hidden"> {t('scheduleAdmin.day.visitOf', { name: a.patientName })}</span>
          </button>
          <button
            ref={cancelButton}
            type="button"
            className="button button--quiet"
            aria-expanded={open === 'cancel'}
            aria-controls={`${headingId}-cancel`}
            onClick={() => onOpen(open === 'cancel' ? null : 'cancel')}
          >
            {t('scheduleAdmin.day.cancel')}
            <span className="visually-hidden"> {t('scheduleAdmin.day.visitOf', { name: a.patientName })}</span>
          </button>
        </div>
      ) : null}
      <div id={`${headingId}-move`} hidden={open !== 'move'}>
        {open === 'move' ? <MoveForm appointment={a} onDone={onMoved} onClose={() => close('move')} /> : null}
      </div>
      <div id={`${headingId}-cancel`} hidden={open !== 'cancel'}>
        {open === 'cancel' ? <CancelForm appointment={a} onDone={onCancelled} onClose={() => close('cancel')} /> : null}
      </div>
    </li>
  );
}

const KNOWN_STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'checked-in',
  'waitlist',
] as const;
type KnownStatus = (typeof KNOWN_STATUSES)[number];

/** FHIR Appointment status, or "unknown" for anything this version has no words for. */
export function statusKey(status: string): KnownStatus | 'unknown' {
  return KNOWN_STATUSES.find((s) => s === status) ?? 'unknown';
}
