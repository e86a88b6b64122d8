import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActivationCode, Patient } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useApi } from '../../app/session/context';
import { formatDateTime } from '../../app/ui/format';
import { ErrorMessage } from '../../app/ui/Notice';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Issues a one-time activation code. The code is only ever in this component's memory (never
 * cached), shown once, large, to read aloud or write down for the patient.
 */
export function ActivationCodePanel({ patient }: { patient: Patient }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [copy, setCopy] = useState<CopyState>('idle');
  const issue = useMutation({
    mutationFn: () => api.post<ActivationCode>(`/api/patients/${encodeURIComponent(patient.id)}/activation-codes`),
    onMutate: () => setCopy('idle'),
  });

  const copyCode = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section className="section panel" aria-labelledby="code-title">
      <h2 id="code-title">{t('staff.code.title')}</h2>
      {patient.hasAccount ? <p>{t('staff.code.hasAccount')}</p> : <p>{t('staff.code.intro')}</p>}
      {issue.data ? (
        <div className="code-result" role="status">
          <p className="code-result__label">{t('staff.code.giveToPatient', { name: patient.givenName })}</p>
          <p className="code-display" lang="en" translate="no">
            {issue.data.code}
          </p>
          <p>{t('staff.code.expires', { date: formatDateTime(issue.data.expiresAt, i18n.language) })}</p>
          <p>{t('staff.code.once')}</p>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => void copyCode(issue.data.code)}>
              {t('staff.code.copy')}
            </button>
          </div>
          <p className="copy-status" aria-live="polite">
            {copy === 'copied' ? t('staff.code.copied') : copy === 'failed' ? t('staff.code.copyFailed') : ''}
          </p>
        </div>
      ) : null}
      {issue.isError ? <ErrorMessage>{messageForError(t, issue.error)}</ErrorMessage> : null}
      {patient.hasAccount ? null : (
        <button
          type="button"
          className={issue.data ? 'button button--secondary' : 'button'}
          aria-disabled={issue.isPending || undefined}
          onClick={() => {
            if (!issue.isPending) issue.mutate();
          }}
        >
          {issue.data ? t('staff.code.issueAnother') : t('staff.code.issue')}
        </button>
      )}
    </section>
  );
}
