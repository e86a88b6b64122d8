import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/ui/PageTitle';

/** Two ways in: a code from the clinic (fastest, already linked to the record) or signing up. */
export function EnrollChoicePage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageTitle>{t('auth.enroll.title')}</PageTitle>
      <p className="lede">{t('auth.enroll.intro')}</p>
      <ul className="choice-list">
        <li>
          <Link to="/enroll/code" className="choice">
            <span className="choice__title">{t('auth.enroll.codeTitle')}</span>
            <span className="choice__text">{t('auth.enroll.codeText')}</span>
          </Link>
        </li>
        <li>
          <Link to="/enroll/signup" className="choice">
            <span className="choice__title">{t('auth.enroll.signupTitle')}</span>
            <span className="choice__text">{t('auth.enroll.signupText')}</span>
          </Link>
        </li>
      </ul>
      <p>
        {t('auth.enroll.haveAccount')} <Link to="/signin">{t('auth.signIn.submit')}</Link>
      </p>
    </div>
  );
}
