import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './ui/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
