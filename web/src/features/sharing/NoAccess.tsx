import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { Notice } from '../../app/ui/Notice';

/** The server's answer when a proxy's access does not cover this part of the record. */
export function isAreaNotAllowed(error: unknown): boolean {
  return isApiError(error) && error.code === 'proxy_area_not_allowed';
}

/** Instead of an error: this part of the record isn't shared with you, and what you can do. */
export function NoAccessNotice({ name }: { name?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Notice title={t('sharing.noAccess.title')}>
      <p>{name ? t('sharing.noAccess.bodyNamed', { name }) : t('sharing.noAccess.body')}</p>
      <p>
        <Link to="/">{t('sharing.noAccess.home')}</Link>
      </p>
    </Notice>
  );
}
