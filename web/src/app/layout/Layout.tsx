import { useEffect, useRef, type MouseEvent } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/context';
import { useSessionSync } from '../session/useSessionSync';
import { IdleWarning } from '../idle/IdleWarning';
import { Header } from './Header';
import { Footer } from './Footer';
import { OpenRecordProvider } from './OpenRecord';

/** Moves focus to the new page's <h1> after client-side navigation, like a page load would. */
function useFocusHeadingOnNavigate(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      heading?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  useSessionSync(session !== null);
  useFocusHeadingOnNavigate();

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.focus();
  };

  return (
    <OpenRecordProvider>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipLink')}
      </a>
      <Header session={session} />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer signedIn={session !== null} />
      {session ? <IdleWarning key={session.user.id} /> : null}
    </OpenRecordProvider>
  );
}
