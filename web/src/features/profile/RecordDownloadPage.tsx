import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useStepUp } from '../mfa';
import { LoadProblem } from '../sharing';
import { useProfile } from './api';
import { downloadRecord, type RecordFormat } from './download';
import './profile.css';

type State =
  | { kind: 'idle' }
  | { kind: 'preparing'; format: RecordFormat; bytes: number }
  | { kind: 'done'; format: RecordFormat }
  | { kind: 'failed'; message: string };

/**
 * "Download my record": the open record as a PDF summary to read or print, or as a FHIR file for
 * another hospital or a health app. The server asks for the password again when the last sign-in
 * is older than a few minutes; the step-up dialog asks, then the download starts again.
 */
export function RecordDownloadPage() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const { guard, dialog } = useStepUp();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'preparing';
  const own = profile.data ? profile.data.patientId : null;

  const start = (format: RecordFormat) => {
    if (!own || busy) return;
    setState({ kind: 'preparing', format, bytes: 0 });
    downloadRecord(own, format, (bytes) => setState({ kind: 'preparing', format, bytes }))
      .then(() => setState({ kind: 'done', format }))
      .catch((error: unknown) => {
        if (guard(error, () => start(format))) {
          setState({ kind: 'idle' });
          return;
        }
        setState({ kind: 'failed', message: messageForError(t, error) });
      });
  };

  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
      Math.max(1, Math.round(bytes / 1000)),
    );

  return (
    <div className="narrow-wide pf-page">
      <p className="pf-back">
        <Link to="/profile">{t('profile.access.back')}</Link>
      </p>
      <PageTitle>{t('profile.download.title')}</PageTitle>
      <p className="lede">{t('profile.download.intro')}</p>
      <p className="notice notice--warning" role="note">
        {t('profile.download.private')}
      </p>
      {profile.isLoading ? <Loading /> : null}
      {profile.isError ? (
        <LoadProblem lead={t('profile.loadError')} error={profile.error} retry={() => void profile.refetch()} />
      ) : null}
      {own ? (
        <ul className="pf-download-list">
          {(['pdf', 'fhir'] as const).map((format) => (
            <li key={format} className="section pf-section">
              <h2 id={`pf-download-${format}`}>{t(`profile.download.${format}.title`)}</h2>
              <p>{t(`profile.download.${format}.text`)}</p>
              <button
                type="button"
                className="button"
                onClick={() => start(format)}
                disabled={busy}
                aria-describedby={`pf-download-${format}`}
              >
                {t(`profile.download.${format}.button`)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div aria-live="polite" role="status" className="pf-download-status">
        {state.kind === 'preparing' ? (
          <p>
            {state.bytes === 0
              ? t('profile.download.preparing')
              : t('profile.download.receiving', { size: size(state.bytes) })}
          </p>
        ) : null}
        {state.kind === 'done' ? <p>{t(`profile.download.${state.format}.done`)}</p> : null}
      </div>
      {state.kind === 'failed' ? (
        <p className="field__error" role="alert">
          {t('profile.download.failed')} {state.message}
        </p>
      ) : null}
      {dialog}
    </div>
  );
}
