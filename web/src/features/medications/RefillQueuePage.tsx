import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { useRefillQueue } from './api';
import { QueueItem } from './QueueItem';
import './medications.css';

/** /refills — open refill requests of the organization's patients, the caller's own first. */
export function RefillQueuePage() {
  const { t } = useTranslation();
  const queue = useRefillQueue();
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const announce = (message: string) => {
    setNotice(message);
    window.requestAnimationFrame(() => noticeRef.current?.focus());
  };
  return (
    <div className="md-page md-page--wide">
      <PageTitle>{t('medications.queue.title')}</PageTitle>
      <div ref={noticeRef} tabIndex={-1} role="status" className="md-live">
        {notice ? (
          <div className="notice notice--success">
            <div className="notice__body">{notice}</div>
          </div>
        ) : null}
      </div>
      <p className="lede">{t('medications.queue.intro')}</p>
      {queue.isLoading ? <Loading /> : null}
      {queue.isError ? (
        <LoadProblem lead={t('medications.queue.loadError')} error={queue.error} retry={() => void queue.refetch()} />
      ) : null}
      {queue.data ? (
        <section className="section" aria-labelledby="queue-count" aria-busy={queue.isFetching}>
          <h2 id="queue-count" className="results__count">
            {queue.data.length === 0
              ? t('medications.queue.none')
              : t('medications.queue.count', { count: queue.data.length })}
          </h2>
          <ul className="md-list">
            {queue.data.map((r) => (
              <QueueItem key={r.id} request={r} onDecided={announce} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
