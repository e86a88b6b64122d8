import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { SessionInfo } from '@portico/contracts';
import { ComingSoonCard } from '../../app/ui/ComingSoonCard';
import { NextVisitCard } from '../appointments/NextVisitCard';
import { MessagesCard } from '../messages/MessagesCard';
import { ResultsCard } from '../results/ResultsCard';
import { PageTitle } from '../../app/ui/PageTitle';
import { HelpLine } from './HelpLine';
import { firstName } from './names';

/** Areas still to come; appointments, messages and results are live and have their own cards. */
const AREAS = ['medications', 'billing', 'deviceCheck'] as const;

export function PatientHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.patient.title', { givenName: firstName(session.user.displayName) })}</PageTitle>
      <p className="lede">{t('home.patient.intro')}</p>
      <ul className="card-grid">
        <NextVisitCard />
        <MessagesCard />
        <ResultsCard />
        {AREAS.map((area) => (
          <ComingSoonCard
            key={area}
            title={t(`home.patient.areas.${area}.title` satisfies ParseKeys)}
            description={t(`home.patient.areas.${area}.text` satisfies ParseKeys)}
          />
        ))}
      </ul>
      <HelpLine organizationId={session.user.organizationId} />
    </>
  );
}
