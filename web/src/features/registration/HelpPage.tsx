import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@portico/contracts';
import { useOrganizations } from '../../app/queries';
import { useSession } from '../../app/session/context';
import { telHref } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/PageTitle';
import { HoursCard } from './HoursCard';
import { SupportForm } from './SupportForm';

function CallUs({ org, showName }: { org: Organization; showName: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-label={org.name}>
      {showName ? <h3>{org.name}</h3> : null}
      <p>
        <a href={telHref(org.techHelpPhone)}>{t('registration.help.call', { phone: org.techHelpPhone })}</a>
      </p>
      <p>
        <a href={`mailto:${org.techHelpEmail}`}>{t('registration.help.email', { email: org.techHelpEmail })}</a>
      </p>
      <HoursCard orgId={org.id} kind="tech_help" headingLevel={3} />
    </section>
  );
}

/** "Get help": before-visit checks, the tech-help line and hours, and (signed in) a request form. */
export function HelpPage() {
  const { t } = useTranslation();
  const session = useSession();
  const orgs = useOrganizations().data ?? [];
  const mine = session?.user.organizationId ? orgs.filter((o) => o.id === session.user.organizationId) : orgs;
  const patientSide = session?.user.role === 'patient' || session?.user.role === 'proxy';
  return (
    <div className="narrow">
      <PageTitle>{t('registration.help.title')}</PageTitle>
      <p className="lede">{t('registration.help.intro')}</p>
      <section className="section" aria-labelledby="help-before">
        <h2 id="help-before">{t('registration.help.beforeTitle')}</h2>
        <ul>
          <li>{t('registration.help.before1')}</li>
          <li>{t('registration.help.before2')}</li>
          <li>{t('registration.help.before3')}</li>
        </ul>
        <p>
          <Link to="/device-check">{t('registration.help.deviceCheck')}</Link>
        </p>
      </section>
      <section className="section" aria-labelledby="help-call">
        <h2 id="help-call">{t('registration.help.callTitle')}</h2>
        {mine.map((org) => (
          <CallUs key={org.id} org={org} showName={mine.length > 1} />
        ))}
      </section>
      {patientSide ? (
        <SupportForm />
      ) : session ? null : (
        <p>
          <Link to="/signin">{t('registration.help.signInForForm')}</Link>
        </p>
      )}
    </div>
  );
}
