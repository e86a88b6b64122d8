import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useResult } from './api';
import { LoadProblem } from '../sharing';
import { ReportView } from './ReportView';
import './results.css';

/** One released result for the patient (or a proxy): values, usual ranges, flags and the clinician's note. */
export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useResult(id);
  const missing = isApiError(report.error) && (report.error.status === 404 || report.error.status === 400);
  useFocusHeadingWhenReady(report.data !== undefined || missing);
  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to="/results">{t('results.backToList')}</Link>
      </p>
      {report.isLoading ? <Loading /> : null}
      {missing ? (
        <>
          <PageTitle>{t('results.report.notFound')}</PageTitle>
          <p>{t('results.report.notFoundText')}</p>
        </>
      ) : report.isError ? (
        <LoadProblem lead={t('results.loadError')} error={report.error} retry={() => void report.refetch()} />
      ) : null}
      {report.data ? (
        <>
          <PageTitle>{report.data.name}</PageTitle>
          <ReportView report={report.data} trendLink={(code) => `/results/trends/${encodeURIComponent(code)}`} />
        </>
      ) : null}
    </div>
  );
}
