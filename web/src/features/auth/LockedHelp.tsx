import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../app/queries';
import { telHref } from '../../app/ui/format';

/**
 * Who to call when an account is locked, as tap-to-call links. The server's message names the
 * account's own help line when it knows it; otherwise every organization's line is listed.
 */
export function LockedHelp({ detail }: { detail: string | undefined }) {
  const { t } = useTranslation();
  const { data } = useOrganizations();
  const all = data ?? [];
  const named = all.filter((org) => detail?.includes(org.techHelpPhone));
  const organizations = named.length > 0 ? named : all;
  if (organizations.length === 0) return null;
  return (
    <div className="help-box">
      <h2 className="help-box__title">{t('auth.signIn.lockedHelpTitle')}</h2>
      <ul className="plain-list">
        {organizations.map((org) => (
          <li key={org.id}>
            {t('auth.signIn.lockedHelpLine', { organization: org.name })}{' '}
            <a href={telHref(org.techHelpPhone)} className="phone-link">
              {org.techHelpPhone}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
