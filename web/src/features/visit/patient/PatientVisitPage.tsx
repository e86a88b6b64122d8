import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { isApiError } from '../../../app/api';
import { messageForError } from '../../../app/errors';
import { usePatient } from '../../../app/queries';
import { useRequiredSession } from '../../../app/session/context';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../../find-doctor';
import { useProfile } from '../../profile';
import { useCurrentRecord } from '../../sharing';
import { useVisit } from '../api';
import { CheckInForm } from '../checkin/CheckInForm';
import { LocationRefused } from '../checkin/LocationRefused';
import { ReadyToStart } from '../checkin/ReadyToStart';
import { patientPhase, untilCheckInOpens } from '../phase';
import { VisitOver } from '../VisitOver';
import { formatTime, VisitWhen } from '../VisitWhen';
import { PatientRoom } from './PatientRoom';
import '../visit.css';

/** The patient's visit: check-in, the Start button, the waiting room and the call. */
export function PatientVisitPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const visit = useVisit(appointmentId);
  useFocusHeadingWhenReady(!visit.isLoading);
  if (visit.isLoading) return <Loading />;
  if (!visit.data) {
    const missing = isApiError(visit.error) && visit.error.status === 404;
    return (
      <>
        <PageTitle>{t('visit.title')}</PageTitle>
        <ErrorMessage>{missing ? t('visit.notFound') : messageForError(t, visit.error)}</ErrorMessage>
        <p>
          <Link to="/appointments">{t('visit.backToAppointments')}</Link>
        </p>
      </>
    );
  }
  return <PatientVisit view={visit.data} refetch={() => void visit.refetch()} />;
}

function PatientVisit({ view, refetch }: { view: VisitView; refetch: () => void }) {
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const patient = usePatient(session.user.role === 'patient' ? session.user.patientId : null);
  // The number the patient keeps for phone fallback during visits, when the profile has one.
  const record = useCurrentRecord();
  const profile = useProfile(record?.areas.includes('profile') ?? false);
  const [now] = useState(() => Date.now());
  const [editing, setEditing] = useState(false);
  const phase = patientPhase(view, now);
  const wait = untilCheckInOpens(view, now);

  // Check-in opens while the page is open: show the form then, without a reload.
  useEffect(() => {
    if (wait === null || wait > 2 ** 31 - 1) return;
    const timer = window.setTimeout(refetch, wait + 1000);
    return () => window.clearTimeout(timer);
  }, [wait, refetch]);

  const title =
    view.mode === 'phone'
      ? t('visit.titlePhoneWith', { clinician: view.clinicianName })
      : t('visit.titleWith', { clinician: view.clinicianName });
  return (
    <div className="vi-page">
      <PageTitle>{title}</PageTitle>
      <VisitWhen view={view} />
      {phase === 'over' ? <VisitOver view={view} reason={null} backTo={`/appointments/${view.appointmentId}`} /> : null}
      {phase === 'notYet' ? (
        <p className="notice" role="status">
          {t('visit.notYet', { time: formatTime(view.checkIn.opensAt, i18n.language) })}
        </p>
      ) : null}
      {phase === 'closed' ? <ErrorMessage>{t('visit.closed', { phone: view.organizationPhone })}</ErrorMessage> : null}
      {phase === 'checkIn' || editing ? (
        <CheckInForm
          view={view}
          phoneOnFile={profile.data?.visitPhone ?? profile.data?.mobilePhone ?? patient.data?.phone ?? ''}
          addressOnFile={profile.data ? profile.data.address : null}
          onSaved={() => setEditing(false)}
          onRefused={() => {
            setEditing(false);
            refetch();
          }}
        />
      ) : null}
      {phase === 'refused' && !editing ? <LocationRefused view={view} onCheckInAgain={() => setEditing(true)} /> : null}
      {phase === 'ready' && !editing ? <ReadyToStart view={view} onChangeAnswers={() => setEditing(true)} /> : null}
      {phase === 'joined' ? <PatientRoom view={view} /> : null}
    </div>
  );
}
