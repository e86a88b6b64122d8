import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ResultSummary } from '@portico/contracts';
import { formatDate } from '../../app/ui/format';
import { formatShortDay, groupByDay } from './format';

interface ResultGroupsProps {
  results: readonly ResultSummary[];
  /** Where one result opens. */
  linkTo: (r: ResultSummary) => string;
  /** The care team also sees what the patient cannot see yet. */
  careTeam?: boolean;
}

/** Results under one heading per collection day, newest first. */
export function ResultGroups({ results, linkTo, careTeam = false }: ResultGroupsProps) {
  const { i18n } = useTranslation();
  return (
    <>
      {groupByDay(results).map((group) => (
        <section key={group.day} className="res-day" aria-labelledby={`res-day-${group.day}`}>
          <h2 id={`res-day-${group.day}`} className="res-day__title">
            {formatDate(group.day, i18n.language)}
          </h2>
          <ul className="res-items">
            {group.results.map((r) => (
              <ResultItem key={r.id} result={r} to={linkTo(r)} careTeam={careTeam} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ResultItem({ result: r, to, careTeam }: { result: ResultSummary; to: string; careTeam: boolean }) {
  const { t, i18n } = useTranslation();
  const metaId = useId();
  return (
    <li className={r.abnormalCount > 0 ? 'res-item res-item--abnormal' : 'res-item'}>
      <h3 className="res-item__name">
        <Link to={to} aria-describedby={metaId}>
          {r.name}
        </Link>
      </h3>
      <div id={metaId} className="res-item__meta">
        <p className="tags">
          <span className="tag">{t(`results.categories.${r.category}`)}</span>
          {r.status !== 'final' ? <span className="tag">{t(`results.status.${r.status}`)}</span> : null}
          {careTeam && !r.released ? (
            <span className="tag tag--held">
              {t('results.list.held', { date: formatShortDay(r.releaseAt, i18n.language) })}
            </span>
          ) : null}
        </p>
        {r.observationCount > 0 ? (
          r.abnormalCount > 0 ? (
            <p className="res-item__abnormal">
              <span aria-hidden="true">⚠ </span>
              {t('results.list.outOfRange', { count: r.abnormalCount })}
            </p>
          ) : (
            <p className="res-item__normal">
              <span aria-hidden="true">✓ </span>
              {t('results.list.allInRange')}
            </p>
          )
        ) : (
          <p>{t('results.list.report')}</p>
        )}
        {r.hasComment ? (
          <p className="hint">{t(careTeam ? 'results.list.commentCare' : 'results.list.comment')}</p>
        ) : null}
      </div>
    </li>
  );
}
