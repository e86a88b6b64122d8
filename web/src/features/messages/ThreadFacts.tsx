import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ThreadSummary } from '@portico/contracts';

/** Who the conversation is with, its topic and whether it is still open. */
export function ThreadFacts({ thread, careTeam = false }: { thread: ThreadSummary; careTeam?: boolean }) {
  const { t } = useTranslation();
  return (
    <dl className="msg-facts">
      {careTeam ? (
        <div>
          <dt>{t('messages.facts.patient')}</dt>
          <dd>
            <Link to={`/patients/${thread.patientId}`}>{thread.patientName}</Link>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('messages.facts.to')}</dt>
        <dd>{thread.recipient}</dd>
      </div>
      <div>
        <dt>{t('messages.facts.topic')}</dt>
        <dd>{t(`messages.topics.${thread.topic}`)}</dd>
      </div>
      <div>
        <dt>{t('messages.facts.status')}</dt>
        <dd>{careTeam ? t(`messages.status.${thread.status}`) : t(`messages.patientStatus.${thread.status}`)}</dd>
      </div>
      {careTeam ? (
        <div>
          <dt>{t('messages.facts.assigned')}</dt>
          <dd>{thread.assignedTo ? thread.assignedTo.name : t('messages.list.unassigned')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
