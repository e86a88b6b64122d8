import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { EndVisit } from './EndVisit';
import { GuestInvites } from './GuestInvites';
import { LobbyList } from './LobbyList';
import { PhoneSwitch } from './PhoneSwitch';
import { RunningLate } from './RunningLate';
import './host.css';

/** The clinician's tools beside the call: lobby, phone, end, guests, running late. */
export function HostPanel({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  if (!visit.you.canAdmit) return null;
  const started = visit.status === 'in-progress';
  return (
    <div className="vi-host" role="region" aria-label={t('visit.host.label')}>
      <LobbyList visit={visit} />
      {started ? null : <RunningLate visit={visit} />}
      <PhoneSwitch visit={visit} />
      {visit.you.canInvite ? <GuestInvites visit={visit} /> : null}
      <EndVisit visit={visit} />
    </div>
  );
}
