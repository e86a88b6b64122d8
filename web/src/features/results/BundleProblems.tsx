import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@portico/contracts';

interface BundleProblemsProps {
  problems: readonly FieldError[];
  /** Bumped on each failed try, so focus comes back here every time. */
  attempt: number;
}

/** Every problem the server found in a refused bundle, each with where it is in the JSON. */
export function BundleProblems({ problems, attempt }: BundleProblemsProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="bundle-problems-title">
      <h2 id="bundle-problems-title" className="error-summary__title">
        {t('results.import.refusedTitle')}
      </h2>
      <p>{t('results.import.refusedText', { count: problems.length })}</p>
      <ol className="res-problems">
        {problems.map((p, i) => (
          <li key={`${p.field}-${i}`}>
            {p.field ? <code className="res-problems__path">{p.field}</code> : null}
            {p.message}
          </li>
        ))}
      </ol>
    </div>
  );
}
