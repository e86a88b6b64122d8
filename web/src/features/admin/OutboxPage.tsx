import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useOutbox } from './api';

/** Mail kept locally when no SMTP server is configured, so demo users can follow emailed links. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox();
  return (
    <>
      <PageTitle>{t('admin.outbox.title')}</PageTitle>
      <p className="lede">{t('admin.outbox.intro')}</p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void outbox.refetch()}>
          {t('admin.outbox.refresh')}
        </button>
      </p>
      {outbox.isLoading ? <Loading /> : null}
      {outbox.isError ? <ErrorMessage>{messageForError(t, outbox.error)}</ErrorMessage> : null}
      {outbox.data && outbox.data.length === 0 ? <p>{t('admin.outbox.empty')}</p> : null}
      {outbox.data && outbox.data.length > 0 ? (
        <ul className="result-list">
          {outbox.data.map((m) => (
            <li key={m.id} className="result">
              <Link to={`/admin/outbox/${m.id}`} className="result__name">
                {m.subject}
              </Link>
              <p className="result__meta">
                {t('admin.outbox.to', { to: m.to })} · {formatDateTime(m.createdAt, i18n.language)}
              </p>
              <p className={m.status === 'failed' ? 'tag tag--bad' : 'tag'}>{t(`admin.outbox.status.${m.status}`)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
