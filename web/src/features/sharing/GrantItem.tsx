import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxyGrant } from '@portico/contracts';
import { accessText, endText } from './labels';

interface GrantItemProps {
  name: string;
  grant: ProxyGrant;
  /** Shared by me ("What they can see") or with me ("What you can see"). */
  held?: boolean;
  children: ReactNode;
}

/** One person (or record) and what the sharing gives: relationship, parts, end date. Actions below. */
export function GrantItem({ name, grant, held = false, children }: GrantItemProps) {
  const { t, i18n } = useTranslation();
  return (
    <li className="sh-item">
      <h3 className="sh-item__name">{name}</h3>
      <p className="tags">
        <span className="tag">{t(`sharing.relationships.${grant.relationship}`)}</span>
      </p>
      <dl className="sh-item__facts">
        <div>
          <dt>{held ? t('sharing.access.whatLabelHeld') : t('sharing.access.whatLabel')}</dt>
          <dd>{accessText(t, grant)}</dd>
        </div>
        <div>
          <dt>{t('sharing.access.endsLabel')}</dt>
          <dd>{endText(t, grant, i18n.language)}</dd>
        </div>
      </dl>
      {children}
    </li>
  );
}
