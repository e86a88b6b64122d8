import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './ui/PageTitle';

export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notAllowed.title')}</PageTitle>
      <p>{t('notAllowed.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
