import { useTranslation } from 'react-i18next';

/** Last resort when a page throws while rendering: plain words and a way back. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main id="main" className="main" tabIndex={-1}>
      <h1 className="page-title">{t('routeError.title')}</h1>
      <p>{t('routeError.body')}</p>
      <p>
        <a href="/">{t('common.backHome')}</a>
      </p>
    </main>
  );
}
