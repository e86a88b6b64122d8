import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@portico/contracts';
import { PageTitle } from '../../app/ui/PageTitle';
import { PatientSearch } from '../staff';
import { ScheduleLinks } from '../schedule-admin';
import { firstName } from './names';

/** Front desk and registration: find a patient, or register a new one. */
export function StaffHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.greeting', { name: firstName(session.user.displayName) })}</PageTitle>
      <ScheduleLinks />
      <StaffTools />
    </>
  );
}

/** Shared with the admin home page. */
export function StaffTools() {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="staff-tools-title">
      <h2 id="staff-tools-title">{t('home.staff.lookupTitle')}</h2>
      <PatientSearch />
      <p className="section__actions">
        <Link className="button button--secondary" to="/patients/new">
          {t('nav.addPatient')}
        </Link>
      </p>
      <p className="hint">{t('home.staff.codeHint')}</p>
    </section>
  );
}
