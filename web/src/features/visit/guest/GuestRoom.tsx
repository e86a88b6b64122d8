import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestVisit } from '@portico/contracts';
import { Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { Announcer } from '../call/Announcer';
import { CallStage } from '../call/CallStage';
import { LocalPreview } from '../call/LocalPreview';
import { MediaHelp } from '../call/MediaHelp';
import { DeviceCheckLink } from '../DeviceCheckLink';
import { NotRecorded } from '../NotRecorded';
import { useVisitCall } from '../useVisitCall';
import { VisitOver } from '../VisitOver';
import { formatDay, formatTime } from '../VisitWhen';

/** The guest's lobby, then the call. */
export function GuestRoom({ visit }: { visit: GuestVisit }) {
  const { t, i18n } = useTranslation();
  const [left, setLeft] = useState(false);
  const [round, setRound] = useState(0);
  const { snapshot, actions } = useVisitCall({
    appointmentId: visit.appointmentId,
    enabled: !left,
    withMedia: true,
    guest: true,
    round,
  });
  const live = snapshot.visit;
  const when = t('visit.when', {
    day: formatDay(visit.start, i18n.language),
    time: formatTime(visit.start, i18n.language),
  });

  let body;
  if (snapshot.ended || live?.status === 'finished' || live?.status === 'cancelled') {
    body = <VisitOver view={live} reason={snapshot.ended} backTo={null} onRejoin={() => setRound(round + 1)} />;
  } else if (left) {
    body = (
      <>
        <p>{t('visit.left.guestBody')}</p>
        <button type="button" className="button vi-start" onClick={() => setLeft(false)}>
          {t('visit.left.rejoin')}
        </button>
      </>
    );
  } else if (snapshot.admitted && live) {
    body = <CallStage visit={live} snapshot={snapshot} actions={actions} onLeave={() => setLeft(true)} />;
  } else {
    body = (
      <section aria-labelledby="vi-lobby-title">
        <Announcer snapshot={snapshot} />
        <h2 id="vi-lobby-title">{t('visit.guest.lobbyTitle')}</h2>
        <Notice>{t('visit.guest.lobby')}</Notice>
        {snapshot.status === 'reconnecting' ? <Notice tone="warning">{t('visit.call.reconnecting')}</Notice> : null}
        {snapshot.local ? (
          <>
            <h3>{t('visit.waiting.howYouLook')}</h3>
            <MediaHelp local={snapshot.local} actions={actions} />
            <LocalPreview local={snapshot.local} large />
          </>
        ) : null}
        <NotRecorded />
        <DeviceCheckLink />
        <p className="hint">
          {t('visit.waiting.help', { organization: visit.organizationName, phone: visit.techHelpPhone })}
        </p>
      </section>
    );
  }
  return (
    <div className="vi-page">
      <PageTitle>
        {t(visit.kind === 'interpreter' ? 'visit.guest.titleInterpreter' : 'visit.guest.titleJoined')}
      </PageTitle>
      <p className="lede">
        {when}
        <span className="block hint">
          {t('visit.guest.as', { name: visit.name, organization: visit.organizationName })}
        </span>
      </p>
      {body}
    </div>
  );
}
