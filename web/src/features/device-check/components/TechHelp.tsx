import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../../app/queries';
import { telHref } from '../../../app/ui/format';
import { SectionHeading, type HeadingLevel } from './SectionHeading';

interface TechHelpProps {
  /** The person's organization; without one (not signed in) every organization's line is listed. */
  organizationId: string | null;
  level: HeadingLevel;
}

/** The technical help line(s) for people who are stuck: a person to call, never a dead end. */
export function TechHelp({ organizationId, level }: TechHelpProps) {
  const { t } = useTranslation();
  const { data } = useOrganizations();
  const all = data ?? [];
  const own = all.filter((org) => org.id === organizationId);
  const shown = own.length > 0 ? own : all;
  return (
    <aside className="help-box dc-help" aria-labelledby="dc-help-title">
      <SectionHeading level={level} id="dc-help-title">
        {t('deviceCheck.headings.help')}
      </SectionHeading>
      <p>{t('deviceCheck.techHelp.text')}</p>
      <ul className="plain-list dc-help__list">
        {shown.map((org) => (
          <li key={org.id}>
            {t('deviceCheck.techHelp.call', { name: org.name })}{' '}
            <a className="phone-link" href={telHref(org.techHelpPhone)}>
              {org.techHelpPhone}
            </a>
            {own.length > 0 ? (
              <>
                <br />
                {t('deviceCheck.techHelp.email')} <a href={`mailto:${org.techHelpEmail}`}>{org.techHelpEmail}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
