import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Trend } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useTrend } from './api';
import { latestRange, latestStatus } from './chart';
import { formatNumber, formatRange, placesFor } from './format';
import { LoadProblem } from '../sharing';
import { TrendChart } from './TrendChart';
import { TrendTable } from './TrendTable';
import './results.css';

/** "HbA1c, 8 results from 2024 to 2026, latest 6.8 %, above the usual range." */
function useSummary(trend: Trend | undefined): string {
  const { t, i18n } = useTranslation();
  const first = trend?.points[0];
  const last = trend?.points[trend.points.length - 1];
  if (!trend || !first || !last) return '';
  const from = new Date(first.effectiveAt).getFullYear();
  const to = new Date(last.effectiveAt).getFullYear();
  const places = placesFor(trend.points.flatMap((p) => [p.value, p.low, p.high]));
  const values = {
    name: trend.name,
    count: trend.points.length,
    from: String(from),
    to: String(to),
    latest: formatNumber(last.value, i18n.language, places),
    unit: trend.unit,
    status: t(`results.trend.status.${latestStatus(trend.points)}`),
  };
  return from === to ? t('results.trend.summaryIn', values) : t('results.trend.summary', values);
}

/** One analyte over time: a chart with the usual range shaded, and the same values as a table. */
export function TrendPage() {
  const { t, i18n } = useTranslation();
  const { id: patientId, code = '' } = useParams();
  const trend = useTrend(code, patientId);
  const summary = useSummary(trend.data);
  const missing = isApiError(trend.error) && (trend.error.status === 404 || trend.error.status === 400);
  useFocusHeadingWhenReady(trend.data !== undefined || missing);
  const base = patientId ? `/patients/${encodeURIComponent(patientId)}/results` : '/results';
  const range = trend.data ? latestRange(trend.data.points) : null;
  const places = trend.data ? placesFor(trend.data.points.flatMap((p) => [p.value, p.low, p.high])) : 0;

  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to={base}>{t('results.backToList')}</Link>
      </p>
      {trend.isLoading ? <Loading /> : null}
      {missing ? (
        <>
          <PageTitle>{t('results.trend.notFound')}</PageTitle>
          <p>{t('results.trend.notFoundText')}</p>
        </>
      ) : trend.isError ? (
        <LoadProblem lead={t('results.loadError')} error={trend.error} retry={() => void trend.refetch()} />
      ) : null}
      {trend.data && range ? (
        <>
          <PageTitle>{t('results.trend.title', { name: trend.data.name })}</PageTitle>
          <p className="lede">{summary}</p>
          <figure className="res-figure">
            <TrendChart trend={trend.data} summary={summary} />
            <figcaption className="res-legend">
              <span>
                <span className="res-legend__band" aria-hidden="true" />
                {range.low !== null || range.high !== null
                  ? t('results.trend.band', {
                      range: formatRange({ ...range, rangeText: null }, i18n.language, places),
                      unit: trend.data.unit,
                    })
                  : t('results.trend.noBand')}
              </span>
              <span>
                <span aria-hidden="true">● </span>
                {t('results.trend.legendIn')}
              </span>
              <span>
                <span aria-hidden="true">▲ ▼ </span>
                {t('results.trend.legendOut')}
              </span>
            </figcaption>
          </figure>
          {trend.data.otherUnits > 0 ? (
            <p className="hint">{t('results.trend.otherUnits', { count: trend.data.otherUnits })}</p>
          ) : null}
          <section className="section" aria-labelledby="res-trend-table">
            <h2 id="res-trend-table">{t('results.trend.tableTitle')}</h2>
            <TrendTable trend={trend.data} reportLink={(id) => `${base}/${id}`} />
          </section>
        </>
      ) : null}
    </div>
  );
}
