import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecordAccessList } from '@portico/contracts';
import { Checkbox } from '../../app/forms/Field';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { actionLabel, actorLabel, roleLabel } from './actionLabels';
import { useProfile, useRecordAccess } from './api';
import './profile.css';

/**
 * "Who has looked at my record": the audit trail of the open record, newest first, in pages.
 * A table on wide screens; on a phone each row stacks into labelled lines.
 */
export function RecordAccessPage() {
  const { t } = useTranslation();
  const [includeMine, setIncludeMine] = useState(false);
  const access = useRecordAccess(includeMine);
  const profile = useProfile();
  const [said, setSaid] = useState('');
  const pages = access.data?.pages ?? [];
  const first = pages[0];

  const more = () => {
    if (access.isFetchingNextPage) return;
    void access.fetchNextPage().then((res) => {
      const last = res.data?.pages[res.data.pages.length - 1];
      setSaid(t('profile.access.loadedMore', { count: last?.entries.length ?? 0 }));
    });
  };

  return (
    <div className="narrow-wide pf-page">
      <p className="pf-back">
        <Link to="/profile">{t('profile.access.back')}</Link>
      </p>
      <PageTitle>{t('profile.access.title')}</PageTitle>
      <p className="lede">
        {first?.viewer === 'proxy'
          ? t('profile.access.introProxy', { name: first.patientName })
          : t('profile.access.intro')}
      </p>
      {profile.data ? <p>{t('profile.access.concern', { phone: profile.data.registrationPhone })}</p> : null}
      <Checkbox
        formId="pf-access"
        name="includeMine"
        label={t('profile.access.includeMine')}
        checked={includeMine}
        onChange={(on) => {
          setSaid('');
          setIncludeMine(on);
        }}
      />
      {access.isLoading ? <Loading /> : null}
      {access.isError ? (
        <LoadProblem lead={t('profile.access.loadError')} error={access.error} retry={() => void access.refetch()} />
      ) : null}
      {first ? (
        pages.every((p) => p.entries.length === 0) ? (
          <p>{t('profile.access.none')}</p>
        ) : (
          <AccessTable pages={pages} />
        )
      ) : null}
      {access.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={access.isFetchingNextPage || undefined}
          onClick={more}
        >
          {t('profile.access.more')}
        </button>
      ) : first && pages.length > 1 ? (
        <p>{t('profile.access.end')}</p>
      ) : null}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}

function AccessTable({ pages }: { pages: RecordAccessList[] }) {
  const { t, i18n } = useTranslation();
  const columns = {
    when: t('profile.access.when'),
    who: t('profile.access.who'),
    role: t('profile.access.role'),
    what: t('profile.access.what'),
    result: t('profile.access.result'),
  };
  return (
    <div className="table-scroll pf-access">
      <table className="table pf-access__table">
        <caption className="visually-hidden">{t('profile.access.caption')}</caption>
        <thead>
          <tr>
            {Object.values(columns).map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pages.flatMap((page) =>
            page.entries.map((e) => (
              <tr key={e.id} className={e.outcome === 'allowed' ? undefined : 'pf-access__refused'}>
                <td data-label={columns.when}>
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                </td>
                <th scope="row" data-label={columns.who}>
                  {actorLabel(t, e, page.viewer, page.patientName)}
                </th>
                <td data-label={columns.role}>{roleLabel(t, e)}</td>
                <td data-label={columns.what}>{actionLabel(t, e.action)}</td>
                <td data-label={columns.result}>{t(`profile.access.outcomes.${e.outcome}`)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
