import { useTranslation } from 'react-i18next';

/** A quiet loading line; announced politely, no spinner animation to distract. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('app.loading')}
    </p>
  );
}
