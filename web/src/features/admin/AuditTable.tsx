import { useTranslation } from 'react-i18next';
import { formatMrn, type AuditEvent, type Role } from '@portico/contracts';
import { formatDateTime } from '../../app/ui/format';

/**
 * The audit trail as a real table (with caption and column headers). On a phone it scrolls
 * sideways inside a focusable region so keyboard users can scroll it too.
 */
export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const dash = '—';
  // An event's role in words; an older event may carry a role the app no longer has.
  const roleName = (role: string): string => {
    const known = ROLES.find((r) => r === role);
    return known ? t(`roles.${known}`) : role;
  };
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
                {e.actorName ?? (e.actorUserId ? t('admin.audit.unknownPerson') : dash)}
                {e.actorRole ? <span className="small block">{roleName(e.actorRole)}</span> : null}
                {e.actorEmail ? <span className="small block">{e.actorEmail}</span> : null}
                {e.actingForPatientId && e.actingForPatientId !== e.patientId ? (
                  <span className="small block">
                    {t('admin.audit.actingFor', { name: e.actingForPatientName ?? t('admin.audit.unknownPerson') })}
                  </span>
                ) : null}
              </td>
              <td>
                {e.patientName ?? (e.patientId ? t('admin.audit.unknownPerson') : dash)}
                {e.patientMrn ? (
                  <span className="small block nowrap">{t('admin.audit.mrn', { mrn: formatMrn(e.patientMrn) })}</span>
                ) : null}
              </td>
              <td>
                {e.entityType}
                {/* The patient's own record is named in the Patient column already. */}
                {e.entityId && e.entityId !== e.patientId ? (
                  <span className="mono small block">{e.entityId}</span>
                ) : null}
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

const ROLES: readonly Role[] = ['patient', 'proxy', 'clinician', 'staff', 'admin'];
