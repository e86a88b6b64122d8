import { useTranslation } from 'react-i18next';
import type { ResultReport } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Notice } from '../../app/ui/Notice';
import { useReleaseResult } from './api';

/** A held result: when the patient will see it, and a button to let them see it now. */
export function ReleasePanel({ report, canRelease }: { report: ResultReport; canRelease: boolean }) {
  const { t, i18n } = useTranslation();
  const release = useReleaseResult(report.id);
  if (report.released) {
    return release.isSuccess ? (
      <Notice tone="success">
        <p>{t('results.care.release.done')}</p>
      </Notice>
    ) : null;
  }
  return (
    <Notice tone="warning" title={t('results.care.release.title')}>
      <p>{t('results.care.release.text', { date: formatDateTime(report.releaseAt, i18n.language) })}</p>
      {canRelease ? (
        <p>
          <button
            type="button"
            className="button"
            aria-disabled={release.isPending || undefined}
            onClick={() => {
              if (!release.isPending) release.mutate();
            }}
          >
            {t('results.care.release.button')}
          </button>
        </p>
      ) : (
        <p>{t('results.care.release.cliniciansOnly')}</p>
      )}
      {release.isError ? (
        <p className="field__error" role="alert">
          {messageForError(t, release.error)}
        </p>
      ) : null}
    </Notice>
  );
}
