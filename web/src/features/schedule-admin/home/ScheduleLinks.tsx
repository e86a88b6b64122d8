import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

const STAFF_LINKS = [
  { to: '/schedule', title: 'scheduleAdmin.home.scheduleTitle', text: 'scheduleAdmin.home.scheduleText' },
  { to: '/schedule/requests', title: 'scheduleAdmin.home.requestsTitle', text: 'scheduleAdmin.home.requestsText' },
  { to: '/admin/clinicians', title: 'scheduleAdmin.home.cliniciansTitle', text: 'scheduleAdmin.home.cliniciansText' },
] as const;
const ADMIN_LINKS = [
  ...STAFF_LINKS,
  {
    to: '/admin/scheduling-settings',
    title: 'scheduleAdmin.home.settingsTitle',
    text: 'scheduleAdmin.home.settingsText',
  },
] as const;

/** The scheduling pages, on the staff and admin home pages. */
export function ScheduleLinks({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const links = admin ? ADMIN_LINKS : STAFF_LINKS;
  return (
    <section className="section" aria-labelledby="schedule-links-title">
      <h2 id="schedule-links-title">{t('scheduleAdmin.home.title')}</h2>
      <ul className="choice-list">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="choice">
              <span className="choice__title">{t(link.title)}</span>
              <span className="choice__text">{t(link.text)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
