import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useRequiredSession } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useResult } from './api';
import { careResultsPath, useCarePatientName } from './careTeam';
import { CommentForm } from './CommentForm';
import { LoadProblem } from '../sharing';
import { ReleasePanel } from './ReleasePanel';
import { ReportView } from './ReportView';
import './results.css';

/** One result for the care team: release it if it is held, and write the patient a note. */
export function CareReportPage() {
  const { t } = useTranslation();
  const { id = '', reportId = '' } = useParams();
  const session = useRequiredSession();
  const clinician = session.user.role === 'clinician';
  useCarePatientName(id);
  const report = useResult(reportId);
  const missing = isApiError(report.error) && (report.error.status === 404 || report.error.status === 400);
  useFocusHeadingWhenReady(report.data !== undefined || missing);
  const base = careResultsPath(id);
  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to={base}>{t('results.backToList')}</Link>
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
          <ReleasePanel report={report.data} canRelease={clinician} />
          <ReportView
            report={report.data}
            trendLink={(code) => `${base}/trends/${encodeURIComponent(code)}`}
            showComment={!clinician}
          />
          {clinician ? <CommentForm key={report.data.id} report={report.data} /> : null}
        </>
      ) : null}
    </div>
  );
}
