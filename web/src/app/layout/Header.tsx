import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@portico/contracts';
import { usePatient } from '../queries';
import { useSignOut } from '../session/useSignOut';
import { PATIENT_ROLES, hasRole } from '../session/roles';
import { RecordSwitcher } from '../../features/sharing';
import { useOpenRecordName } from './OpenRecord';
import { navItemsFor } from './navItems';
import { Logo } from './Logo';
import { useIntlProfile } from '../../features/international';

export function Header({ session }: { session: SessionInfo | null }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand__name">{t('app.name')}</span>
        </Link>
        {session ? <SignedInControls session={session} /> : <PublicLinks />}
      </div>
      {session ? <WhoLine session={session} /> : null}
    </header>
  );
}

function PublicLinks() {
  const { t } = useTranslation();
  return (
    <nav className="site-header__actions" aria-label={t('nav.label')}>
      <NavLink to="/find-a-doctor" className="button button--quiet">
        {t('header.findDoctor')}
      </NavLink>
      <NavLink to="/signin" className="button button--quiet">
        {t('header.signIn')}
      </NavLink>
    </nav>
  );
}

function SignedInControls({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const [menuOpen, setMenuOpen] = useState(false);
  const isPatient = hasRole(session.user.role, PATIENT_ROLES);
  // "International center" only for patients with an international profile; others opt in from Profile.
  const intl = useIntlProfile(isPatient);
  const items = navItemsFor(session.user.role).filter((item) => !item.international || intl.data?.international);
  const groups = [items.filter((item) => !item.more), items.filter((item) => item.more)].filter((g) => g.length);
  return (
    <>
      <div className="site-header__actions">
        <button
          type="button"
          className="button button--quiet menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <MenuIcon open={menuOpen} />
          {t('header.menu')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void signOut()}>
          {t('header.signOut')}
        </button>
      </div>
      <nav id="site-nav" className={menuOpen ? 'site-nav site-nav--open' : 'site-nav'} aria-label={t('nav.label')}>
        {groups.map((group, index) => (
          <ul key={index} className={index === 0 ? 'site-nav__list' : 'site-nav__list site-nav__list--more'}>
            {group.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className="site-nav__link" onClick={() => setMenuOpen(false)}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        ))}
      </nav>
    </>
  );
}

function WhoLine({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const isPatient = hasRole(session.user.role, PATIENT_ROLES);
  const own = usePatient(isPatient ? session.user.patientId : null);
  const openRecord = useOpenRecordName();
  const recordName = isPatient ? (own.data ? `${own.data.givenName} ${own.data.familyName}` : null) : openRecord;
  const recordLine = recordName ? (
    <p className="who__item who__record">{t('header.record', { name: recordName })}</p>
  ) : null;
  return (
    <div className="who">
      <p className="who__item">
        {isPatient
          ? t('header.signedInAsPatient', { name: session.user.displayName })
          : t('header.signedInAs', { name: session.user.displayName, role: t(`roles.${session.user.role}`) })}
      </p>
      {isPatient ? (
        // Someone who can act for others sees whose record is open, and can switch, on every page.
        <RecordSwitcher isProxyRole={session.user.role === 'proxy'} fallback={recordLine} />
      ) : (
        recordLine
      )}
    </div>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      {open ? (
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      ) : (
        <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      )}
    </svg>
  );
}
