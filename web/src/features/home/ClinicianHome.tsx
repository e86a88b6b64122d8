import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@portico/contracts';
import { PageTitle } from '../../app/ui/PageTitle';
import { firstName } from './names';

export function ClinicianHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.greeting', { name: firstName(session.user.displayName) })}</PageTitle>
      <ul className="card-grid">
        <li className="card">
          <h2 className="card__title">{t('home.clinician.visitsTitle')}</h2>
          <p className="card__text">{t('home.clinician.visitsText')}</p>
          <Link className="button button--secondary" to="/visits">
            {t('home.clinician.visitsOpen')}
          </Link>
        </li>
        <li className="card">
          <h2 className="card__title">{t('home.clinician.lookupTitle')}</h2>
          <p className="card__text">{t('home.clinician.lookupText')}</p>
          <Link className="button button--secondary" to="/patients">
            {t('nav.findPatient')}
          </Link>
        </li>
      </ul>
    </>
  );
}
