import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMrn, type RegistrationResult } from '@portico/contracts';
import { useOrganizations } from '../../app/queries';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { HoursCard } from './HoursCard';
import { RegistrationForm } from './RegistrationForm';
import './registration.css';

/** Public: a person who is not yet a patient registers and gets their medical record number. */
export function RegisterPage() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const [done, setDone] = useState<{ result: RegistrationResult; orgId: string } | null>(null);
  const firstOrg = orgs.data?.[0]?.id;

  if (done) {
    const { result } = done;
    return (
      <div className="narrow">
        {result.mrn ? (
          <>
            <PageTitle>{t('registration.register.doneTitle')}</PageTitle>
            <Notice tone="success" title={t('registration.register.doneMrn')}>
              <p className="mrn" translate="no">
                MRN {formatMrn(result.mrn)}
              </p>
            </Notice>
            <p>{t('registration.mrn.explain')}</p>
            <p>{t('registration.register.doneNext')}</p>
            <p>
              <Link className="button" to="/enroll/code">
                {t('registration.register.activate')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <PageTitle>{t('registration.register.reviewTitle')}</PageTitle>
            <Notice>{t('registration.register.reviewText')}</Notice>
          </>
        )}
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
        onDone={(result, orgId) => {
          setDone({ result, orgId });
          window.scrollTo(0, 0);
        }}
      />
      {firstOrg ? <HoursCard orgId={firstOrg} kind="registration" /> : null}
    </div>
  );
}
