import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@portico/contracts';
import { formatDateTime } from '../../app/ui/format';

/** Users as a list of cards: readable at 320px, where a wide table is not. */
export function UserList({ users }: { users: readonly UserSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="results__count" role="status">
        {t('admin.users.count', { count: users.length })}
      </p>
      {users.length > 0 ? (
        <ul className="result-list">
          {users.map((u) => (
            <li key={u.id} className="result">
              <p className="result__name">{u.displayName}</p>
              <p className="result__meta">
                {u.email} · {t(`roles.${u.role}`)}
              </p>
              <p className="result__meta">
                {t('admin.users.createdAt', { date: formatDateTime(u.createdAt, i18n.language) })}
              </p>
              <p className="tags">
                <span className={u.emailVerified ? 'tag tag--ok' : 'tag'}>
                  {u.emailVerified ? t('admin.users.verified') : t('admin.users.notVerified')}
                </span>
                {u.locked ? <span className="tag tag--bad">{t('admin.users.locked')}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
