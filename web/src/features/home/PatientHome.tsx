import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { SessionInfo } from '@portico/contracts';
import { NextVisitCard } from '../appointments';
import { MessagesCard } from '../messages';
import { ResultsCard } from '../results';
import { PageTitle } from '../../app/ui/PageTitle';
import { HelpLine } from './HelpLine';
import { firstName } from './names';

/** Areas with a plain card and a link; appointments, messages and results have their own cards. */
const AREAS = [
  { area: 'medications', to: '/medications' },
  { area: 'billing', to: '/billing' },
  { area: 'record', to: '/profile/download' },
  { area: 'deviceCheck', to: '/device-check' },
] as const;

export function PatientHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.patient.title', { givenName: firstName(session.user.displayName) })}</PageTitle>
      <p className="lede">
        {t('home.patient.intro')} {t('home.patient.findDoctorText')}{' '}
        <Link to="/find-a-doctor">{t('nav.findDoctor')}</Link>
      </p>
      <ul className="card-grid">
        <NextVisitCard />
        <MessagesCard />
        <ResultsCard />
        {AREAS.map(({ area, to }) => (
          <li key={area} className="card">
            <h2 className="card__title">{t(`home.patient.areas.${area}.title` satisfies ParseKeys)}</h2>
            <p className="card__text">{t(`home.patient.areas.${area}.text` satisfies ParseKeys)}</p>
            <p>
              <Link to={to}>{t(`home.patient.areas.${area}.link` satisfies ParseKeys)}</Link>
            </p>
          </li>
        ))}
      </ul>
      <HelpLine organizationId={session.user.organizationId} />
    </>
  );
}
