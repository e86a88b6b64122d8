import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageTitleProps {
  children: string;
  /** Extra content after the heading text (e.g. a badge); the document title uses only the text. */
  after?: ReactNode;
}

/**
 * The page's one <h1>. It can take focus (the layout moves focus here on every route change)
 * and it sets the browser tab's title.
 */
export function PageTitle({ children, after }: PageTitleProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children}
      {after}
    </h1>
  );
}
