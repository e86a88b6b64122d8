import { useTranslation } from 'react-i18next';

interface ComingSoonCardProps {
  title: string;
  description: string;
  headingLevel?: 2 | 3;
}

/** A feature that is planned but not built yet. Shows no made-up data. */
export function ComingSoonCard({ title, description, headingLevel = 2 }: ComingSoonCardProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card card--soon">
      <Heading className="card__title">{title}</Heading>
      <p className="card__text">{description}</p>
      <p className="badge">{t('common.comingSoon')}</p>
    </li>
  );
}
