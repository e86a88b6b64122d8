import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ThreadSummary } from '@portico/contracts';
import { formatMoment } from './format';

interface ThreadItemProps {
  thread: ThreadSummary;
  to: string;
  /** The care team sees whose conversation it is and who has it. */
  careTeam?: boolean;
}

/** One conversation in a list: unread ones in bold with how many are new. */
export function ThreadItem({ thread, to, careTeam = false }: ThreadItemProps) {
  const { t, i18n } = useTranslation();
  const metaId = useId();
  const unread = thread.unread > 0;
  return (
    <li className={unread ? 'msg-item msg-item--unread' : 'msg-item'}>
      <h3 className="msg-item__subject">
        <Link to={to} aria-describedby={metaId}>
          {thread.subject}
        </Link>
        {unread ? (
          <span className="badge msg-item__count">{t('messages.list.unread', { count: thread.unread })}</span>
        ) : null}
      </h3>
      <div id={metaId} className="msg-item__meta">
        <p>
          {careTeam
            ? t('messages.list.fromPatient', { name: thread.patientName, recipient: thread.recipient })
            : t('messages.list.to', { recipient: thread.recipient })}
        </p>
        <p className="tags">
          <span className="tag">{t(`messages.topics.${thread.topic}`)}</span>
          <span className={thread.status === 'done' ? 'tag tag--ok' : 'tag'}>
            {t(`messages.status.${thread.status}`)}
          </span>
        </p>
        {careTeam ? (
          <p className="hint">
            {thread.assignedTo
              ? t('messages.list.assigned', { name: thread.assignedTo.name })
              : t('messages.list.unassigned')}
          </p>
        ) : null}
        <p className="hint">{t('messages.list.last', { when: formatMoment(thread.lastMessageAt, i18n.language) })}</p>
      </div>
    </li>
  );
}
