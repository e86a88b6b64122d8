import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentRecord } from '../sharing';
import { useThreads } from './api';
import './messages.css';

/** The home page's messages card: how many new messages wait, and the way to them. */
export function MessagesCard() {
  const { t } = useTranslation();
  const record = useCurrentRecord();
  const allowed = record?.areas.includes('messages') ?? false;
  const threads = useThreads(allowed);
  const unread = (threads.data ?? []).reduce((sum, th) => sum + th.unread, 0);
  return (
    <li className="card">
      <h2 className="card__title">{t('messages.home.title')}</h2>
      {record && !allowed ? (
        <p className="card__text">{t('messages.home.notShared', { name: record.name })}</p>
      ) : (
        <div className="card__text">
          <p>{t('messages.home.text')}</p>
          {threads.data ? (
            <p className="msg-home__count" data-testid="unread-messages">
              {unread > 0 ? t('messages.home.unread', { count: unread }) : t('messages.home.none')}
            </p>
          ) : null}
        </div>
      )}
      {allowed ? (
        <p>
          <Link to="/messages">{t('messages.home.open')}</Link>
        </p>
      ) : null}
    </li>
  );
}
