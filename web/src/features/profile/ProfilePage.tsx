import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { MrnCard } from '../registration';
import { useProfile } from './api';
import { ContactSection } from './ContactSection';
import { InsuranceSection } from './InsuranceSection';
import { LanguageSection } from './LanguageSection';
import { PersonalSection } from './PersonalSection';
import { useIntlProfile } from '../international';
import './profile.css';

/**
 * The open record's profile: personal details, contact and visit phone, language, insurance,
 * a link to the pharmacies, to "Download my record" and to "Who has looked at my record". Each section saves on its own.
 */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <div className="narrow-wide pf-page">
      <PageTitle>{t('profile.title')}</PageTitle>
      <p className="lede">{t('profile.intro')}</p>
      {profile.isLoading ? <Loading /> : null}
      {profile.isError ? (
        <LoadProblem lead={t('profile.loadError')} error={profile.error} retry={() => void profile.refetch()} />
      ) : null}
      {profile.data ? (
        <>
          <MrnCard patientId={profile.data.patientId} />
          <PersonalSection profile={profile.data} />
          <ContactSection profile={profile.data} />
          <LanguageSection profile={profile.data} />
          <InsuranceSection profile={profile.data} />
          <section className="section pf-section" aria-labelledby="pf-pharmacies-title">
            <h2 id="pf-pharmacies-title">{t('profile.pharmacies.title')}</h2>
            <p>{t('profile.pharmacies.text')}</p>
            <p>
              <Link to="/medications/pharmacies">{t('profile.pharmacies.link')}</Link>
            </p>
          </section>
          <InternationalSection />
          <section className="section pf-section" aria-labelledby="pf-download-title">
            <h2 id="pf-download-title">{t('profile.downloadLink.title')}</h2>
            <p>{t('profile.downloadLink.text')}</p>
            <p>
              <Link to="/profile/download">{t('profile.downloadLink.link')}</Link>
            </p>
          </section>
          <section className="section pf-section" aria-labelledby="pf-access-title">
            <h2 id="pf-access-title">{t('profile.accessLink.title')}</h2>
            <p>{t('profile.accessLink.text')}</p>
            <p>
              <Link to="/profile/access">{t('profile.accessLink.link')}</Link>
            </p>
          </section>
        </>
      ) : null}
    </div>
  );
}

/** The opt-in to the international center for patients the menu does not offer it to yet. */
function InternationalSection() {
  const { t } = useTranslation();
  const intl = useIntlProfile();
  if (!intl.data) return null;
  const joined = intl.data.international;
  return (
    <section className="section pf-section" aria-labelledby="pf-intl-title">
      <h2 id="pf-intl-title">{t('profile.international.title')}</h2>
      <p>{joined ? t('profile.international.joined') : t('profile.international.text')}</p>
      <p>
        <Link to="/international">{joined ? t('profile.international.open') : t('profile.international.link')}</Link>
      </p>
    </section>
  );
}
