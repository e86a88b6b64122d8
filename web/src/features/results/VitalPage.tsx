import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { VITAL_KINDS, type VitalKind, type VitalSeries } from '@portico/contracts';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { LoadProblem } from '../sharing';
import { useVitals } from './api';
import { formatShortDay } from './format';
import { VitalChart } from './VitalChart';
import { vitalText } from './vitals';
import './results.css';

const isKind = (k: string): k is VitalKind => (VITAL_KINDS as readonly string[]).includes(k);

/** "Weight: 12 readings from 5 Dec 2023 to 24 Nov 2026, latest 79.3 kg." */
function useSummary(series: VitalSeries | undefined): string {
  const { t, i18n } = useTranslation();
  const first = series?.points[0];
  const last = series?.points[series.points.length - 1];
  if (!series || !first || !last) return '';
  return t('results.vitals.summary', {
    name: t(`results.vitals.kinds.${series.kind}`),
    count: series.points.length,
    from: formatShortDay(first.effectiveAt, i18n.language),
    to: formatShortDay(last.effectiveAt, i18n.language),
    latest: vitalText(t, series.kind, last, i18n.language),
  });
}

/** One vital sign over time: a chart, and every reading as a table. */
export function VitalPage() {
  const { t, i18n } = useTranslation();
  const { kind = '' } = useParams();
  const vitals = useVitals();
  const series = isKind(kind) ? vitals.data?.find((s) => s.kind === kind) : undefined;
  const summary = useSummary(series);
  useFocusHeadingWhenReady(vitals.data !== undefined);
  const name = isKind(kind) ? t(`results.vitals.kinds.${kind}`) : '';

  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to="/results">{t('results.backToList')}</Link>
      </p>
      {vitals.isLoading ? <Loading /> : null}
      {vitals.isError ? (
        <LoadProblem lead={t('results.loadError')} error={vitals.error} retry={() => void vitals.refetch()} />
      ) : null}
      {vitals.data && !series ? (
        <>
          <PageTitle>{t('results.vitals.notFound')}</PageTitle>
          <p>{t('results.vitals.notFoundText')}</p>
        </>
      ) : null}
      {series ? (
        <>
          <PageTitle>{t('results.trend.title', { name })}</PageTitle>
          <p className="lede">{summary}</p>
          <figure className="res-figure">
            <VitalChart series={series} summary={summary} unit={t(`results.vitals.axis.${series.kind}`)} />
            {series.kind === 'blood-pressure' ? (
              <figcaption className="res-legend">
                <span>
                  <span aria-hidden="true">●— </span>
                  {t('results.vitals.systolic')}
                </span>
                <span>
                  <span aria-hidden="true">■┄ </span>
                  {t('results.vitals.diastolic')}
                </span>
              </figcaption>
            ) : null}
          </figure>
          <section className="section" aria-labelledby="res-vital-table">
            <h2 id="res-vital-table">{t('results.trend.tableTitle')}</h2>
            <div className="table-scroll">
              <table className="table res-table">
                <caption>{t('results.vitals.tableCaption', { name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.trend.date')}</th>
                    <th scope="col">{name}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...series.points].reverse().map((p) => (
                    <tr key={p.effectiveAt}>
                      <th scope="row" className="nowrap">
                        {formatShortDay(p.effectiveAt, i18n.language)}
                      </th>
                      <td className="res-table__value">{vitalText(t, series.kind, p, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
