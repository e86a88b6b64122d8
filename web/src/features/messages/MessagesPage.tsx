import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useMessageOptions, useThreads } from './api';
import { LoadProblem } from '../sharing';
import { ResponseTime } from './ResponseTime';
import { ThreadItem } from './ThreadItem';
import './messages.css';

/** The patient's conversations with the care team, newest first. */
export function MessagesPage() {
  const { t } = useTranslation();
  const threads = useThreads();
  const options = useMessageOptions();
  const unread = (threads.data ?? []).reduce((sum, th) => sum + th.unread, 0);

  return (
    <>
      <PageTitle>{t('messages.title')}</PageTitle>
      <p className="lede">{t('messages.intro')}</p>
      <p>
        <Link className="button" to="/messages/new">
          {t('messages.newMessage')}
        </Link>
      </p>
      {threads.isLoading ? <Loading /> : null}
      {threads.isError ? (
        <LoadProblem lead={t('messages.loadError')} error={threads.error} retry={() => void threads.refetch()} />
      ) : null}
      {threads.data ? (
        <section className="section" aria-labelledby="msg-list-title">
          <h2 id="msg-list-title">{t('messages.list.title')}</h2>
          <p role="status">{unread > 0 ? t('messages.list.unreadTotal', { count: unread }) : ''}</p>
          {threads.data.length === 0 ? (
            <p>{t('messages.list.none')}</p>
          ) : (
            <ul className="msg-items">
              {threads.data.map((thread) => (
                <ThreadItem key={thread.id} thread={thread} to={`/messages/${thread.id}`} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {options.data ? <ResponseTime options={options.data} /> : null}
    </>
  );
}
