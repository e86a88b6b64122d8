import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ResultObservation } from '@portico/contracts';
import { Flag } from './Flag';
import { formatRange, formatValue, placesFor } from './format';

interface ObservationTableProps {
  name: string;
  observations: readonly ResultObservation[];
  /** The trend page for a numeric analyte. */
  trendLink: (code: string) => string;
}

/** One row per analyte: value, unit, usual range and flag; numeric ones link to their trend. */
export function ObservationTable({ name, observations, trendLink }: ObservationTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table res-table">
        <caption>{t('results.report.tableCaption', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.report.analyte')}</th>
            <th scope="col">{t('results.report.value')}</th>
            <th scope="col" className="res-table__unit">
              {t('results.report.unit')}
            </th>
            <th scope="col" className="res-table__range">
              {t('results.report.range')}
            </th>
            <th scope="col">{t('results.report.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => {
            const range = formatRange(o, i18n.language, placesFor([o.value, o.low, o.high]));
            return (
              <tr key={o.id} className={o.flag && o.flag !== 'N' ? 'res-row--abnormal' : undefined}>
                <th scope="row" className="res-table__name">
                  {o.value !== null ? (
                    <Link to={trendLink(o.code)}>
                      {o.name}
                      <span className="visually-hidden">, {t('results.report.seeTrend')}</span>
                    </Link>
                  ) : (
                    o.name
                  )}
                  {range ? (
                    <span className="res-table__range-inline">
                      {t('results.report.rangeLabel')} <span className="nowrap">{range}</span>
                    </span>
                  ) : null}
                </th>
                <td className="res-table__value">
                  {o.value === null && o.valueText === null && o.dataAbsentReason ? (
                    // The lab sent no value and said why (FHIR dataAbsentReason).
                    <span className="res-table__absent">
                      {t('results.report.noValue', { reason: o.dataAbsentReason })}
                    </span>
                  ) : (
                    <span className="res-table__number">{formatValue(o, i18n.language)}</span>
                  )}
                  {/* On a phone the unit sits under the value and the range under the name, so the flag stays on screen. */}
                  {o.unit ? <span className="res-table__unit-inline"> {o.unit}</span> : null}
                </td>
                <td className="res-table__unit">{o.unit ?? ''}</td>
                <td className="res-table__range nowrap">{range}</td>
                <td>
                  <Flag flag={o.flag} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
