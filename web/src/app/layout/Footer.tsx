import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage, type LanguageCode } from '../i18n';
import { languageName } from '../ui/format';

/** Signed-in people already have a record, so registering is offered only to visitors. */
export function Footer({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
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
      {languages.length > 1 ? (
        <div className="field field--inline">
          <label className="field__label" htmlFor="language">
            {t('footer.language')}
          </label>
          <select
            id="language"
            className="input select"
            value={i18n.language}
            onChange={(event) => {
              const next = languages.find((code) => code === event.target.value);
              if (next) setLanguage(next satisfies LanguageCode);
            }}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageName(code, code)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </footer>
  );
}
