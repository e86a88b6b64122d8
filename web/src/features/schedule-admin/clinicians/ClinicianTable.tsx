import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicianCard } from '@portico/contracts';
import { useRequiredSession } from '../../../app/session/context';
import { ScrollTable } from '../shared/ScrollTable';
import { formatList } from '../../../app/ui/format';

/** Clinicians in a table that scrolls within its own labelled region on a phone. */
export function ClinicianTable({ clinicians }: { clinicians: readonly ClinicianCard[] }) {
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const showOrg = session.user.role === 'admin';
  return (
    <ScrollTable caption={t('scheduleAdmin.clinicians.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('scheduleAdmin.clinicians.name')}</th>
          <th scope="col">{t('scheduleAdmin.clinicians.specialty')}</th>
          {showOrg ? <th scope="col">{t('fields.organization')}</th> : null}
          <th scope="col">{t('scheduleAdmin.clinicians.visits')}</th>
          <th scope="col">{t('scheduleAdmin.clinicians.booking')}</th>
        </tr>
      </thead>
      <tbody>
        {clinicians.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <Link to={`/admin/clinicians/${c.id}`}>
                {c.familyName}, {c.givenName}
                {c.credentials ? `, ${c.credentials}` : ''}
              </Link>
            </th>
            <td>
              {c.specialty}
              <span className="block small">{c.serviceLineName}</span>
            </td>
            {showOrg ? <td>{c.organizationName}</td> : null}
            <td>
              {formatList(
                c.visitModes.map((m) => t(`scheduleAdmin.modes.${m}`)),
                i18n.language,
              )}
            </td>
            <td>
              <span className="block">
                {c.selfScheduling
                  ? t('scheduleAdmin.clinicians.selfScheduling')
                  : t('scheduleAdmin.clinicians.officeBooks')}
              </span>
              <span className="block small">
                {c.acceptingNewPatients
                  ? t('scheduleAdmin.clinicians.newPatients')
                  : t('scheduleAdmin.clinicians.noNewPatients')}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
