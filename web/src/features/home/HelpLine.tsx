import { useTranslation } from 'react-i18next';
import { useOrganization } from '../../app/queries';
import { telHref } from '../../app/ui/format';

/** "Need help? Call …" with the person's own organization's technical help line. */
export function HelpLine({ organizationId }: { organizationId: string | null }) {
  const { t } = useTranslation();
  const org = useOrganization(organizationId);
  if (!org) return null;
  return (
    <aside className="help-box" aria-labelledby="help-title">
      <h2 id="help-title" className="help-box__title">
        {t('home.help.title')}
      </h2>
      <p>
        {t('home.help.call')}{' '}
        <a className="phone-link" href={telHref(org.techHelpPhone)}>
          {org.techHelpPhone}
        </a>
      </p>
      <p>
        {t('home.help.email')} <a href={`mailto:${org.techHelpEmail}`}>{org.techHelpEmail}</a>
      </p>
    </aside>
  );
}
