import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useInbox, type InboxFilters } from './api';
import { InboxFilterBar } from './InboxFilterBar';
import { LoadProblem } from '../sharing';
import { ThreadItem } from './ThreadItem';
import './messages.css';

/** The filters live in the address, so Back and shared links keep them. */
function readFilters(params: URLSearchParams): InboxFilters {
  return {
    mine: params.get('mine') === '1',
    status: params.get('status') === 'done' ? 'done' : 'open',
    poolId: params.get('pool') ?? '',
  };
}

/** The care team's messages from patients: unread first, then newest. */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const inbox = useInbox(filters);

  const change = (next: InboxFilters) => {
    const out = new URLSearchParams();
    if (next.mine) out.set('mine', '1');
    if (next.status === 'done') out.set('status', 'done');
    if (next.poolId) out.set('pool', next.poolId);
    setParams(out, { replace: true });
  };

  const count = inbox.data?.length ?? 0;
  const unread = (inbox.data ?? []).filter((th) => th.unread > 0).length;
  return (
    <>
      <PageTitle>{t('messages.inbox.title')}</PageTitle>
      <p className="lede">{t('messages.inbox.intro')}</p>
      <InboxFilterBar filters={filters} threads={inbox.data ?? []} onChange={change} />
      <p role="status" aria-live="polite" className="msg-count">
        {inbox.data
          ? `${t('messages.inbox.count', { count })}${unread > 0 ? ` ${t('messages.inbox.unread', { count: unread })}` : ''}`
          : ''}
      </p>
      {inbox.isLoading ? <Loading /> : null}
      {inbox.isError ? (
        <LoadProblem lead={t('messages.loadError')} error={inbox.error} retry={() => void inbox.refetch()} />
      ) : null}
      {inbox.data && inbox.data.length > 0 ? (
        <ul className="msg-items">
          {inbox.data.map((thread) => (
            <ThreadItem key={thread.id} thread={thread} to={`/inbox/${thread.id}`} careTeam />
          ))}
        </ul>
      ) : null}
    </>
  );
}
