import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useSupportRequests } from './api';

/** Staff: tech-help requests, newest first; each is answered in its secure-message thread. */
export function SupportQueuePage() {
  const { t, i18n } = useTranslation();
  const { data, error, isLoading } = useSupportRequests();
  return (
    <>
      <PageTitle>{t('registration.support.title')}</PageTitle>
      <p className="lede">{t('registration.support.intro')}</p>
      {isLoading ? <Loading /> : null}
      {error ? <ErrorMessage>{messageForError(t, error)}</ErrorMessage> : null}
      {data && data.requests.length === 0 ? <p>{t('registration.support.empty')}</p> : null}
      <ul className="plain-list">
        {data?.requests.map((r) => (
          <li key={r.id} className="card">
            <p>
              <strong>{r.patientName}</strong> · {t(`registration.help.topics.${r.topic}`)} ·{' '}
              <span className={r.status === 'open' ? 'tag' : 'tag tag--ok'}>
                {t(`registration.support.status.${r.status}`)}
              </span>
            </p>
            <p className="hint">{formatDateTime(r.createdAt, i18n.language)}</p>
            <p>{r.description}</p>
            <p>
              <Link to={`/inbox/${r.threadId}`}>{t('registration.support.answer')}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
