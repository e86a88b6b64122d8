import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@portico/contracts';
import { PageTitle } from '../../app/ui/PageTitle';
import { firstName } from './names';
import { StaffTools } from './StaffHome';
import { ScheduleLinks } from '../schedule-admin';

const LINKS = [
  { to: '/admin/users', title: 'nav.users', text: 'home.admin.usersText' },
  { to: '/admin/outbox', title: 'nav.outbox', text: 'home.admin.outboxText' },
  { to: '/admin/audit', title: 'nav.audit', text: 'home.admin.auditText' },
] as const;

export function AdminHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.greeting', { name: firstName(session.user.displayName) })}</PageTitle>
      <section className="section" aria-labelledby="admin-tools-title">
        <h2 id="admin-tools-title">{t('home.admin.title')}</h2>
        <ul className="choice-list">
          {LINKS.map((link) => (
            <li key={link.to}>
              <Link to={link.to} className="choice">
                <span className="choice__title">{t(link.title)}</span>
                <span className="choice__text">{t(link.text)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <ScheduleLinks admin />
      <StaffTools />
    </>
  );
}
