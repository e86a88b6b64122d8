import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { NotRecorded } from '../NotRecorded';
import type { CallSnapshot } from '../rtc/snapshot';
import type { CallActions } from '../useVisitCall';
import { Announcer } from './Announcer';
import { CallControls } from './CallControls';
import { DeviceSettings } from './DeviceSettings';
import { LocalPreview } from './LocalPreview';
import { MediaHelp } from './MediaHelp';
import { PhoneBanner } from './PhoneBanner';
import { RemoteTile } from './RemoteTile';
import { useFullscreen } from './useFullscreen';
import './call.css';

interface CallStageProps {
  visit: VisitView;
  snapshot: CallSnapshot;
  actions: CallActions;
  onLeave: () => void;
  leaveLabel?: string;
  /** The clinician's tools (lobby, guests, phone, end), shown under the call. */
  children?: ReactNode;
}

/** The call itself, the same for every role: remote tiles, self view, controls and notices. */
export function CallStage({ visit, snapshot, actions, onLeave, leaveLabel, children }: CallStageProps) {
  const { t } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(stage);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [sinkId, setSinkId] = useState('');
  const { local, peers } = snapshot;
  const others = peers.filter((p) => !p.departed || p.state === 'connected');
  const lobby = visit.you.canAdmit ? visit.participants.filter((p) => !p.admitted) : [];
  const alone = lobby[0] ? t('visit.call.aloneLobby', { name: lobby[0].name }) : t('visit.call.alone');

  return (
    <section className="vi-call" aria-labelledby="vi-call-title" data-peer-count={peers.length}>
      <h2 id="vi-call-title" className="visually-hidden">
        {t('visit.call.title')}
      </h2>
      <Announcer snapshot={snapshot} />
      <PhoneBanner visit={visit} />
      {snapshot.status === 'reconnecting' ? (
        <p className="notice notice--warning vi-inline-notice">{t('visit.call.reconnecting')}</p>
      ) : null}
      {snapshot.audioOnly ? <p className="notice vi-inline-notice">{t('visit.call.audioOnly')}</p> : null}
      {local ? <MediaHelp local={local} actions={actions} /> : null}
      <div className="vi-stage" ref={stage}>
        <ul
          className={`vi-tiles vi-tiles--${Math.min(Math.max(others.length, 1), 3)}`}
          aria-label={t('visit.call.people')}
        >
          {others.map((peer) => (
            <RemoteTile key={peer.id} peer={peer} sinkId={sinkId} />
          ))}
          {others.length === 0 ? <li className="vi-tile vi-tile--empty">{alone}</li> : null}
        </ul>
        {local ? <LocalPreview local={local} /> : null}
        <NotRecorded compact />
      </div>
      <CallControls
        local={local}
        actions={actions}
        settingsOpen={settingsOpen}
        onSettings={() => setSettingsOpen(!settingsOpen)}
        fullscreen={fullscreen}
        onLeave={onLeave}
        leaveLabel={leaveLabel ?? t('visit.call.leave')}
      />
      {settingsOpen && local ? (
        <DeviceSettings local={local} actions={actions} sinkId={sinkId} onSink={setSinkId} />
      ) : null}
      {children}
    </section>
  );
}
