import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../app/queries';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { HoursCard } from './HoursCard';
import { RegistrationForm } from './RegistrationForm';
import './registration.css';

/** Public: a person who is not yet a patient registers; what happens next comes by email. */
export function RegisterPage() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const [done, setDone] = useState<{ orgId: string } | null>(null);
  const firstOrg = orgs.data?.[0]?.id;

  if (done) {
    // The same answer whatever happened (a new record, or one held because the person may already
    // have one): what happens next goes to the email they gave, so this page reveals no one.
    return (
      <div className="narrow">
        <PageTitle>{t('registration.register.doneTitle')}</PageTitle>
        <Notice tone="success">{t('registration.register.doneText')}</Notice>
        <p>{t('registration.register.doneCode')}</p>
        <p>
          <Link className="button" to="/enroll/code">
            {t('registration.register.activate')}
          </Link>
        </p>
        <HoursCard orgId={done.orgId} kind="registration" />
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>{t('registration.register.title')}</PageTitle>
      <p className="lede">{t('registration.register.intro')}</p>
      <p>
        <Link to="/signin">{t('registration.register.haveAccount')}</Link>
      </p>
      <RegistrationForm
        staff={false}
        formId="register"
        submitLabel={t('registration.register.submit')}
        onDone={(_result, orgId) => {
          setDone({ orgId });
          window.scrollTo(0, 0);
        }}
      />
      {firstOrg ? <HoursCard orgId={firstOrg} kind="registration" /> : null}
    </div>
  );
}
