import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { CallStage } from '../call/CallStage';
import { useVisitCall } from '../useVisitCall';
import { VisitOver } from '../VisitOver';
import { CantConnect } from './CantConnect';
import { WaitingRoom } from './WaitingRoom';

/** After Start: the socket tells whether the patient waits or is in the call. */
export function PatientRoom({ view }: { view: VisitView }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(false);
  const [round, setRound] = useState(0);
  const { snapshot, actions } = useVisitCall({
    appointmentId: view.appointmentId,
    enabled: !left,
    withMedia: view.mode === 'video',
    round,
  });
  const live = snapshot.visit ?? view;
  const over = live.status === 'finished' || live.status === 'cancelled';

  if (over || snapshot.ended) {
    return (
      <VisitOver
        view={live}
        reason={snapshot.ended}
        backTo={`/appointments/${view.appointmentId}`}
        onRejoin={() => setRound(round + 1)}
      />
    );
  }
  if (left) {
    return (
      <section className="vi-left" aria-labelledby="vi-left-title">
        <h2 id="vi-left-title">{t('visit.left.title')}</h2>
        <p>{t('visit.left.body', { clinician: view.clinicianName })}</p>
        <button type="button" className="button vi-start" onClick={() => setLeft(false)}>
          {t('visit.left.rejoin')}
        </button>
      </section>
    );
  }
  if (snapshot.admitted && live.mode === 'video') {
    return (
      <CallStage visit={live} snapshot={snapshot} actions={actions} onLeave={() => setLeft(true)}>
        <CantConnect view={live} />
      </CallStage>
    );
  }
  return <WaitingRoom view={live} snapshot={snapshot} actions={actions} />;
}
