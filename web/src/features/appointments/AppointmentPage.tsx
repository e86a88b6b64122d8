import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useAppointment } from './api';
import { CallToChange } from './CallToChange';
import { VisitCost } from '../billing';
import { CancelPanel } from './CancelPanel';
import { isActive, ModeTag, NextStep, StatusTag, useWhen } from './presentation';
import { ReschedulePanel } from './ReschedulePanel';
import { useNow } from './useNow';
import './appointments.css';

type PageNotice = 'booked' | 'rescheduled' | 'cancelled';

function readNotice(state: unknown): PageNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const { notice } = state;
  return notice === 'booked' || notice === 'rescheduled' || notice === 'cancelled' ? notice : null;
}

/** One visit: the details, what to do next, and changing or cancelling it while that is allowed. */
export function AppointmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const appointment = useAppointment(id);
  useFocusHeadingWhenReady(!appointment.isLoading);
  return (
    <>
      <p className="ap-back">
        <Link to="/appointments">{t('appointments.detail.back')}</Link>
      </p>
      {appointment.isLoading ? <Loading /> : null}
      {appointment.isError ? (
        <>
          <PageTitle>{t('appointments.title')}</PageTitle>
          <ErrorMessage>
            {isApiError(appointment.error) && appointment.error.status === 404
              ? t('appointments.detail.notFound')
              : messageForError(t, appointment.error)}
          </ErrorMessage>
        </>
      ) : null}
      {appointment.data ? <AppointmentDetail key={appointment.data.id} appointment={appointment.data} /> : null}
    </>
  );
}

type Panel = 'none' | 'reschedule' | 'cancel';

function AppointmentDetail({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const location = useLocation();
  const when = useWhen()(appointment);
  const now = useNow();
  const [panel, setPanel] = useState<Panel>('none');
  const [cancelledHere, setCancelledHere] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const notice: PageNotice | null = cancelledHere ? 'cancelled' : readNotice(location.state);
  const upcoming = isActive(appointment) && Date.parse(appointment.end) >= now;

  useEffect(() => {
    if (cancelledHere) noticeRef.current?.focus();
  }, [cancelledHere]);

  const close = (which: 'reschedule' | 'cancel') => {
    setPanel('none');
    // The panel goes away: return focus to the button that opened it.
    window.requestAnimationFrame(() => (which === 'reschedule' ? changeButton.current : cancelButton.current)?.focus());
  };

  return (
    <>
      <PageTitle>
        {t('appointments.detail.title', { visitType: appointment.visitTypeName, clinician: appointment.clinicianName })}
      </PageTitle>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className="ap-notice">
          <Notice tone="success">{t(`appointments.detail.${notice}`)}</Notice>
        </div>
      ) : null}
      <p className="tags">
        <ModeTag mode={appointment.mode} />
        <StatusTag status={appointment.status} />
      </p>
      <dl className="details">
        <div>
          <dt>{t('appointments.detail.when')}</dt>
          <dd>
            <span className="block ap-when">{t('appointments.detail.yourTime', { time: when.long })}</span>
            {when.clinicLong ? (
              <span className="block hint">{t('appointments.detail.clinicTime', { time: when.clinicLong })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('appointments.detail.clinician')}</dt>
          <dd className="ap-who">
            <img className="ap-photo" src={appointment.clinicianPhotoUrl} alt="" width={48} height={48} />
            <span>{appointment.clinicianName}</span>
          </dd>
        </div>
        <div>
          <dt>{t('appointments.detail.organization')}</dt>
          <dd>{appointment.organizationName}</dd>
        </div>
        {appointment.reason ? (
          <div>
            <dt>{t('appointments.detail.reason')}</dt>
            <dd>{appointment.reason}</dd>
          </div>
        ) : null}
        {appointment.cancelReason ? (
          <div>
            <dt>{t('appointments.detail.cancelReason')}</dt>
            <dd>{appointment.cancelReason}</dd>
          </div>
        ) : null}
      </dl>
      {upcoming ? (
        <section className="section" aria-labelledby="ap-next-title">
          <h2 id="ap-next-title">{t('appointments.detail.nextTitle')}</h2>
          <NextStep appointment={appointment} now={now} />
          {appointment.mode === 'video' ? <p>{t('appointments.next.prepare')}</p> : null}
        </section>
      ) : null}
      {upcoming && appointment.mode !== 'in_person' ? <VisitCost appointmentId={appointment.id} /> : null}
      {upcoming && appointment.patientCanChange ? (
        <>
          <div className="button-row">
            <button
              ref={changeButton}
              type="button"
              className="button button--secondary"
              aria-expanded={panel === 'reschedule'}
              aria-controls="ap-reschedule"
              onClick={() => setPanel(panel === 'reschedule' ? 'none' : 'reschedule')}
            >
              {t('appointments.detail.change')}
            </button>
            <button
              ref={cancelButton}
              type="button"
              className="button button--secondary"
              aria-expanded={panel === 'cancel'}
              aria-controls="ap-cancel"
              onClick={() => setPanel(panel === 'cancel' ? 'none' : 'cancel')}
            >
              {t('appointments.detail.cancel')}
            </button>
          </div>
          <div id="ap-reschedule" hidden={panel !== 'reschedule'}>
            {panel === 'reschedule' ? (
              <ReschedulePanel appointment={appointment} onClose={() => close('reschedule')} />
            ) : null}
          </div>
          <div id="ap-cancel" hidden={panel !== 'cancel'}>
            {panel === 'cancel' ? (
              <CancelPanel
                appointment={appointment}
                onClose={() => close('cancel')}
                onCancelled={() => {
                  setPanel('none');
                  setCancelledHere(true);
                }}
              />
            ) : null}
          </div>
        </>
      ) : null}
      {upcoming && !appointment.patientCanChange ? <CallToChange appointment={appointment} /> : null}
      {!upcoming ? (
        <p>
          <Link to="/find-a-doctor">{t('appointments.detail.findAgain')}</Link>
        </p>
      ) : null}
    </>
  );
}
