import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { Notice } from '../../../app/ui/Notice';
import { Announcer } from '../call/Announcer';
import { LocalPreview } from '../call/LocalPreview';
import { MediaHelp } from '../call/MediaHelp';
import { PhoneBanner } from '../call/PhoneBanner';
import { DeviceCheckLink } from '../DeviceCheckLink';
import { NotRecorded } from '../NotRecorded';
import type { CallSnapshot } from '../rtc/snapshot';
import type { CallActions } from '../useVisitCall';
import { CantConnect } from './CantConnect';
import '../call/call.css';

interface WaitingRoomProps {
  view: VisitView;
  snapshot: CallSnapshot;
  actions: CallActions;
}

function PlaceLine({ view }: { view: VisitView }) {
  const { t } = useTranslation();
  const { place, clinicianConnected, clinicianInAnotherVisit, runningLateMinutes } = view.waiting;
  const clinician = view.clinicianName;
  return (
    <div className="vi-waiting-status" role="status">
      <p className="vi-place">
        {place === null
          ? t('visit.waiting.placeUnknown')
          : place <= 1
            ? t('visit.waiting.next')
            : t('visit.waiting.ahead', { count: place - 1 })}
      </p>
      <p>
        {clinicianInAnotherVisit
          ? t('visit.waiting.busy', { clinician })
          : clinicianConnected
            ? t('visit.waiting.online', { clinician })
            : t('visit.waiting.told', { clinician })}
      </p>
      {runningLateMinutes ? (
        <p className="vi-late">{t('visit.waiting.late', { clinician, count: runningLateMinutes })}</p>
      ) : null}
    </div>
  );
}

/** After Start: the patient's place in line, the clinician's status, tips, and "I can't connect". */
export function WaitingRoom({ view, snapshot, actions }: WaitingRoomProps) {
  const { t } = useTranslation();
  const phone = view.mode === 'phone';
  const contact = view.checkIn.answers?.contactPhone ?? '';
  return (
    <section className="vi-waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{phone ? t('visit.waiting.titlePhone') : t('visit.waiting.title')}</h2>
      <Announcer snapshot={snapshot} />
      <PhoneBanner visit={view} />
      {snapshot.status === 'reconnecting' ? <Notice tone="warning">{t('visit.call.reconnecting')}</Notice> : null}
      {phone && !view.phoneFallback.active ? (
        <Notice>{t('visit.waiting.phoneVisit', { clinician: view.clinicianName, number: contact })}</Notice>
      ) : null}
      <PlaceLine view={view} />
      <p>{phone ? t('visit.waiting.stayPhone') : t('visit.waiting.stay')}</p>
      {snapshot.local ? (
        <div className="vi-waiting-self">
          <h3>{t('visit.waiting.howYouLook')}</h3>
          <MediaHelp local={snapshot.local} actions={actions} />
          <LocalPreview local={snapshot.local} large />
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={!snapshot.local.audioOn}
              disabled={!snapshot.local.hasAudio}
              onClick={() => actions.setAudio(!snapshot.local?.audioOn)}
            >
              {t('visit.call.mute')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={!snapshot.local.videoOn}
              onClick={() => actions.setVideo(!snapshot.local?.videoOn)}
            >
              {t('visit.call.stopVideo')}
            </button>
          </div>
        </div>
      ) : null}
      <NotRecorded />
      {phone ? null : (
        <>
          <h3>{t('visit.tips.title')}</h3>
          <ul className="vi-tips">
            <li>{t('visit.tips.quiet')}</li>
            <li>{t('visit.tips.light')}</li>
            <li>{t('visit.tips.phone')}</li>
          </ul>
          <CantConnect view={view} />
          <DeviceCheckLink />
        </>
      )}
      <p className="hint">
        {t('visit.waiting.help', { organization: view.organizationName, phone: view.techHelpPhone })}
      </p>
    </section>
  );
}
