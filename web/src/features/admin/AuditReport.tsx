import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './api';

/** The CSV address for these filters: a plain link, so the browser downloads it with the session cookie. */
export function reportUrl(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const name of ['patientId', 'patient', 'userId', 'user', 'from', 'to'] as const) {
    if (filters[name]) query.set(name, filters[name]);
  }
  return `/api/admin/audit/report.csv?${query.toString()}`;
}

/**
 * Privacy-officer report: every access to one patient's record, or by one person, in the chosen
 * dates, as a spreadsheet (CSV). The server records each download in the audit log too.
 */
export function AuditReport({ filters }: { filters: AuditFilters }) {
  const { t } = useTranslation();
  const ready = Boolean(filters.patientId || filters.patient || filters.userId || filters.user);
  return (
    <section className="help-box" aria-labelledby="audit-report-title">
      <h2 id="audit-report-title" className="help-box__title">
        {t('admin.audit.report.title')}
      </h2>
      {ready ? (
        <>
          <p>{t('admin.audit.report.text')}</p>
          <p>
            <a className="button button--secondary" href={reportUrl(filters)} download>
              {t('admin.audit.report.download')}
            </a>
          </p>
          <p className="hint">{t('admin.audit.report.audited')}</p>
        </>
      ) : (
        <p>{t('admin.audit.report.choose')}</p>
      )}
    </section>
  );
}
