import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from './LanguagePicker';

/** Signed-in people already have a record, so registering is offered only to visitors. */
export function Footer({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('footer.privacy')}</p>
      <p>
        <Link to="/help">{t('registration.nav.help')}</Link>
        {signedIn ? null : (
          <>
            {' · '}
            <Link to="/register">{t('registration.nav.register')}</Link>
          </>
        )}
      </p>
      <LanguagePicker />
    </footer>
  );
}
