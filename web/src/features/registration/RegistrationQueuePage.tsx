import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useRegistrationQueue } from './api';

/** "Registrations to review": possible duplicates, oldest first. */
export function RegistrationQueuePage() {
  const { t, i18n } = useTranslation();
  const { data, error, isLoading } = useRegistrationQueue();
  return (
    <>
      <PageTitle>{t('registration.staff.queueTitle')}</PageTitle>
      <p className="lede">{t('registration.staff.queueIntro')}</p>
      {isLoading ? <Loading /> : null}
      {error ? <ErrorMessage>{messageForError(t, error)}</ErrorMessage> : null}
      {data && data.registrations.length === 0 ? <p>{t('registration.staff.queueEmpty')}</p> : null}
      {data && data.registrations.length > 0 ? (
        <ul className="plain-list">
          {data.registrations.map((r) => (
            <li key={r.id} className="card">
              <p>
                <Link to={`/registrations/${r.id}`}>
                  {r.givenName} {r.familyName}
                </Link>{' '}
                · {formatDate(r.birthDate, i18n.language)}
              </p>
              <p className="hint">
                {t(`registration.staff.source.${r.source}`)} ·{' '}
                {t('registration.staff.received', { when: formatDateTime(r.createdAt, i18n.language) })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
