import { useTranslation } from 'react-i18next';
import type { ResultReport } from '@portico/contracts';
import { formatDateTime } from '../../app/ui/format';
import { ObservationTable } from './ObservationTable';

interface ReportViewProps {
  report: ResultReport;
  trendLink: (code: string) => string;
  /** The care team edits the note elsewhere on the page, so it is not repeated here. */
  showComment?: boolean;
}

/** A report's facts, the clinician's note, its values and its written text. */
export function ReportView({ report, trendLink, showComment = true }: ReportViewProps) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      <dl className="details res-facts">
        <div>
          <dt>{t('results.report.kind')}</dt>
          <dd>
            {t(`results.categories.${report.category}`)}
            {report.status !== 'final' ? ` (${t(`results.status.${report.status}`)})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('results.report.collected')}</dt>
          <dd>{when(report.effectiveAt)}</dd>
        </div>
        <div>
          <dt>{t('results.report.issued')}</dt>
          <dd>{when(report.issuedAt)}</dd>
        </div>
        {report.orderedBy ? (
          <div>
            <dt>{t('results.report.orderedBy')}</dt>
            <dd>{report.orderedBy}</dd>
          </div>
        ) : null}
      </dl>
      {showComment && report.comment ? (
        <section className="res-comment" aria-labelledby="res-comment-title">
          <h2 id="res-comment-title" className="res-comment__title">
            {report.comment.author
              ? t('results.report.commentTitle', { name: report.comment.author })
              : t('results.report.commentTitleNoName')}
          </h2>
          <p className="res-text">{report.comment.text}</p>
          <p className="hint">{t('results.report.commentDate', { date: when(report.comment.at) })}</p>
        </section>
      ) : null}
      {report.observations.length > 0 ? (
        <section className="section" aria-labelledby="res-values-title">
          <h2 id="res-values-title">{t('results.report.valuesTitle')}</h2>
          <ObservationTable name={report.name} observations={report.observations} trendLink={trendLink} />
          {report.observations.some((o) => o.value !== null) ? (
            <p className="hint">{t('results.report.trendHint')}</p>
          ) : null}
        </section>
      ) : null}
      {report.conclusion ? (
        <section className="section" aria-labelledby="res-conclusion-title">
          <h2 id="res-conclusion-title">{t('results.report.conclusion')}</h2>
          <div className="res-conclusion res-text">{report.conclusion}</div>
        </section>
      ) : null}
    </>
  );
}
