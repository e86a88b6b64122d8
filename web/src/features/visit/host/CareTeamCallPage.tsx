import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { isApiError } from '../../../app/api';
import { messageForError } from '../../../app/errors';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../../find-doctor';
import { useVisit } from '../api';
import { Announcer } from '../call/Announcer';
import { CallStage } from '../call/CallStage';
import { PhoneBanner } from '../call/PhoneBanner';
import { PhoneLink } from '../PhoneLink';
import { useVisitCall } from '../useVisitCall';
import { VisitOver } from '../VisitOver';
import { VisitWhen } from '../VisitWhen';
import { HostPanel } from './HostPanel';
import '../visit.css';

/** The clinician's (or a staff member's) side of one visit: the call and the visit tools. */
export function CareTeamCallPage() {
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
          <Link to="/visits">{t('visit.host.back')}</Link>
        </p>
      </>
    );
  }
  return <CareTeamCall initial={visit.data} />;
}

function CareTeamCall({ initial }: { initial: VisitView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const closed = initial.status === 'finished' || initial.status === 'cancelled';
  const { snapshot, actions } = useVisitCall({
    appointmentId: initial.appointmentId,
    enabled: !closed,
    withMedia: initial.mode === 'video',
  });
  const visit = snapshot.visit ?? initial;
  const over = visit.status === 'finished' || visit.status === 'cancelled';
  const leave = () => void navigate('/visits');

  let body;
  if (over || snapshot.ended) {
    body = (
      <>
        <VisitOver view={visit} reason={snapshot.ended} backTo="/visits" backLabel={t('visit.host.back')} />
        {visit.outcome ? (
          <p className="vi-outcome">{t('visit.host.outcome', { outcome: t(`visit.outcomes.${visit.outcome}`) })}</p>
        ) : null}
      </>
    );
  } else if (visit.mode === 'phone') {
    const number = visit.phoneFallback.number ?? visit.checkIn.answers?.contactPhone ?? null;
    body = (
      <>
        <Announcer snapshot={snapshot} />
        <Notice title={t('visit.host.phoneVisit')}>
          {number ? (
            <p>
              {t('visit.host.callPatient', { patient: visit.patientName })} <PhoneLink number={number} />
            </p>
          ) : (
            <p>{t('visit.host.noNumber')}</p>
          )}
        </Notice>
        <HostPanel visit={visit} />
      </>
    );
  } else if (!snapshot.admitted && snapshot.selfId) {
    body = (
      <>
        <Announcer snapshot={snapshot} />
        <PhoneBanner visit={visit} />
        <Notice>{t('visit.host.staffWaiting', { clinician: visit.clinicianName })}</Notice>
      </>
    );
  } else {
    body = (
      <CallStage visit={visit} snapshot={snapshot} actions={actions} onLeave={leave}>
        <HostPanel visit={visit} />
      </CallStage>
    );
  }
  return (
    <div className="vi-page vi-page--wide">
      <p className="vi-back">
        <Link to="/visits">{t('visit.host.back')}</Link>
      </p>
      <PageTitle>{t('visit.host.title', { patient: visit.patientName })}</PageTitle>
      <VisitWhen view={visit} />
      {body}
    </div>
  );
}
