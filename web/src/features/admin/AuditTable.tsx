import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@portico/contracts';
import { formatDateTime } from '../../app/ui/format';

/**
 * The audit trail as a real table (with caption and column headers). On a phone it scrolls
 * sideways inside a focusable region so keyboard users can scroll it too.
 */
export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const dash = '—';
  return (
    <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="table">
        <caption id="audit-caption">{t('admin.audit.caption', { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.col.at')}</th>
            <th scope="col">{t('admin.audit.col.action')}</th>
            <th scope="col">{t('admin.audit.col.outcome')}</th>
            <th scope="col">{t('admin.audit.col.actor')}</th>
            <th scope="col">{t('admin.audit.col.patient')}</th>
            <th scope="col">{t('admin.audit.col.entity')}</th>
            <th scope="col">{t('admin.audit.col.ip')}</th>
            <th scope="col">{t('admin.audit.col.request')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatDateTime(e.at, i18n.language)}</td>
              <td className="mono">{e.action}</td>
              <td>
                <span className={e.outcome === 'allowed' ? 'tag tag--ok' : 'tag tag--bad'}>
                  {t(`admin.audit.outcome.${e.outcome}`)}
                </span>
              </td>
              <td>
                {e.actorRole ?? dash}
                {e.actorUserId ? <span className="mono small block">{e.actorUserId}</span> : null}
                {e.actingForPatientId && e.actingForPatientId !== e.patientId ? (
                  <span className="small block">{t('admin.audit.actingFor', { id: e.actingForPatientId })}</span>
                ) : null}
              </td>
              <td className="mono small">{e.patientId ?? dash}</td>
              <td>
                {e.entityType}
                {e.entityId ? <span className="mono small block">{e.entityId}</span> : null}
              </td>
              <td className="mono small">{e.ip ?? dash}</td>
              <td className="mono small">{e.requestId ?? dash}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
