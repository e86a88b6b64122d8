import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useResults, useVitals } from './api';
import { LoadProblem } from '../sharing';
import { ResultGroups } from './ResultGroups';
import { VitalsSection } from './VitalsSection';
import './results.css';

/** The open record's released results, grouped by the day they were collected. */
export function ResultsPage() {
  const { t } = useTranslation();
  const results = useResults();
  const vitals = useVitals();
  return (
    <div className="narrow-wide">
      <PageTitle>{t('results.title')}</PageTitle>
      <p className="lede">{t('results.intro')}</p>
      <p className="hint">{t('results.holdNote')}</p>
      {results.isLoading ? <Loading /> : null}
      {results.isError ? (
        <LoadProblem lead={t('results.loadError')} error={results.error} retry={() => void results.refetch()} />
      ) : null}
      {vitals.data ? <VitalsSection vitals={vitals.data} /> : null}
      {results.data ? (
        results.data.length === 0 ? (
          <p>{t('results.none')}</p>
        ) : (
          <ResultGroups results={results.data} linkTo={(r) => `/results/${r.id}`} />
        )
      ) : null}
    </div>
  );
}
