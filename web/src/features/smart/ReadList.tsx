import { useTranslation } from 'react-i18next';
import en from './en.json';

type TypeKey = keyof typeof en.types;
const isType = (value: string): value is TypeKey => value in en.types;

/** What an app reads, one plain-words line per resource type. */
export function ReadList({ reads, labelledBy }: { reads: readonly string[]; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="smart-reads" aria-labelledby={labelledBy}>
      {reads.filter(isType).map((type) => (
        <li key={type}>{t(`smart.types.${type}`)}</li>
      ))}
    </ul>
  );
}
