import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentRecord } from '../sharing';
import { useResults } from './api';
import { formatShortDay } from './format';
import './results.css';

/** The home page's results card: the newest result, whether anything is out of range, and the way in. */
export function ResultsCard() {
  const { t, i18n } = useTranslation();
  const record = useCurrentRecord();
  const allowed = record?.areas.includes('results') ?? false;
  const results = useResults(undefined, allowed);
  const newest = results.data?.[0];
  return (
    <li className="card">
      <h2 className="card__title">{t('results.home.title')}</h2>
      {record && !allowed ? (
        <p className="card__text">{t('results.home.notShared', { name: record.name })}</p>
      ) : (
        <div className="card__text">
          <p>{t('results.home.text')}</p>
          {results.data ? (
            <p className="res-home__latest" data-testid="latest-result">
              {newest
                ? t('results.home.latest', {
                    name: newest.name,
                    date: formatShortDay(newest.effectiveAt, i18n.language),
                  })
                : t('results.home.none')}
              {newest && newest.abnormalCount > 0
                ? ` ${t('results.list.outOfRange', { count: newest.abnormalCount })}.`
                : ''}
            </p>
          ) : null}
        </div>
      )}
      {allowed ? (
        <p>
          <Link to="/results">{t('results.home.open')}</Link>
        </p>
      ) : null}
    </li>
  );
}
