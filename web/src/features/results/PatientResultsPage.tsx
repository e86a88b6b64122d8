import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useResults } from './api';
import { careResultsPath, useCarePatientName } from './careTeam';
import { LoadProblem } from '../sharing';
import { ResultGroups } from './ResultGroups';
import './results.css';

function importedCount(state: unknown): number | null {
  return typeof state === 'object' && state !== null && 'imported' in state && typeof state.imported === 'number'
    ? state.imported
    : null;
}

/** The care team's view of one patient's results, held ones included, with entry and import. */
export function PatientResultsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const name = useCarePatientName(id);
  const results = useResults(id);
  const imported = importedCount(useLocation().state);
  const base = careResultsPath(id);
  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to={`/patients/${encodeURIComponent(id)}`}>{t('results.care.backToPatient')}</Link>
      </p>
      <PageTitle>{name ? t('results.care.title', { name }) : t('results.title')}</PageTitle>
      {imported !== null ? (
        <Notice tone="success">
          <p>{t('results.import.done', { count: imported })}</p>
        </Notice>
      ) : null}
      <p className="res-actions">
        <Link className="button" to={`${base}/new`}>
          {t('results.care.enter')}
        </Link>
        <Link className="button button--secondary" to={`${base}/import`}>
          {t('results.care.import')}
        </Link>
      </p>
      {results.isLoading ? <Loading /> : null}
      {results.isError ? (
        <LoadProblem lead={t('results.loadError')} error={results.error} retry={() => void results.refetch()} />
      ) : null}
      {results.data ? (
        results.data.length === 0 ? (
          <p>{t('results.care.none')}</p>
        ) : (
          <ResultGroups results={results.data} linkTo={(r) => `${base}/${r.id}`} careTeam />
        )
      ) : null}
    </div>
  );
}
