import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Trend } from '@portico/contracts';
import { Flag } from './Flag';
import { formatNumber, formatRange, formatShortDay, placesFor } from './format';

/** Every value of the chart as a table, newest first: the chart's accessible alternative. */
export function TrendTable({ trend, reportLink }: { trend: Trend; reportLink: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const places = placesFor(trend.points.flatMap((p) => [p.value, p.low, p.high]));
  const rows = [...trend.points].reverse();
  // The legend gives the range; a column for it only helps when it changed over time.
  const ranges = new Set(trend.points.map((p) => `${p.low}-${p.high}`));
  const showRange = ranges.size > 1;
  return (
    <div className="table-scroll">
      <table className="table res-table">
        <caption>{t('results.trend.tableCaption', { name: trend.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.trend.date')}</th>
            <th scope="col">{t('results.trend.value', { unit: trend.unit })}</th>
            {showRange ? <th scope="col">{t('results.trend.range')}</th> : null}
            <th scope="col">{t('results.trend.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.reportId}-${p.effectiveAt}`}>
              <th scope="row" className="nowrap">
                <Link to={reportLink(p.reportId)}>{formatShortDay(p.effectiveAt, i18n.language)}</Link>
              </th>
              <td className="res-table__value">{formatNumber(p.value, i18n.language, places)}</td>
              {showRange ? (
                <td className="nowrap">{formatRange({ ...p, rangeText: null }, i18n.language, places)}</td>
              ) : null}
              <td>
                <Flag flag={p.flag} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
