import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/session/context';
import { REGISTRAR_ROLES, hasRole } from '../../app/session/roles';
import { PageTitle } from '../../app/ui/PageTitle';
import { PatientSearch } from './PatientSearch';

export function PatientSearchPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  return (
    <>
      <PageTitle>{t('staff.search.title')}</PageTitle>
      <PatientSearch />
      {hasRole(session.user.role, REGISTRAR_ROLES) ? (
        <p className="section__actions">
          <Link className="button button--secondary" to="/patients/new">
            {t('nav.addPatient')}
          </Link>
        </p>
      ) : null}
    </>
  );
}
