import { useTranslation } from 'react-i18next';
import type { DirectoryFacets, DirectoryQuery, RelaxSuggestion } from '@portico/contracts';
import { useDirectoryLabels } from './labels';
import { FILTER_KEYS, withoutFilter, type FilterKey } from './searchParams';

interface RelaxSuggestionsProps {
  query: DirectoryQuery;
  suggestions: readonly RelaxSuggestion[];
  facets: DirectoryFacets | undefined;
  onApply: (query: DirectoryQuery) => void;
}

type Relaxable = FilterKey | 'q';

function isRelaxable(filter: string): filter is Relaxable {
  return filter === 'q' || (FILTER_KEYS as readonly string[]).includes(filter);
}

/** When nothing matched: the server's suggestions of which single filter to drop, as buttons. */
export function RelaxSuggestions({ query, suggestions, facets, onApply }: RelaxSuggestionsProps) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const usable = suggestions.filter((s) => isRelaxable(s.filter) && s.resultCount > 0);

  /** "language: Spanish", so the person knows exactly what goes. */
  const describe = (filter: Relaxable): string => {
    const name = t(`findDoctor.relax.filterNames.${filter}`);
    const value = valueLabel(filter);
    return value ? t('findDoctor.relax.filterWithValue', { name, value }) : name;
  };
  const valueLabel = (filter: Relaxable): string | undefined => {
    switch (filter) {
      case 'q':
        return query.q;
      case 'language':
        return query.language ? labels.language(query.language) : undefined;
      case 'state':
        return query.state ? labels.state(query.state) : undefined;
      case 'visitMode':
        return query.visitMode ? labels.mode(query.visitMode) : undefined;
      case 'serviceLine':
        return facets?.serviceLines.find((f) => f.value === query.serviceLine)?.label;
      case 'organization':
        return facets?.organizations.find((f) => f.value === query.organization)?.label;
      case 'clinicalArea':
        return facets?.clinicalAreas.find((a) => a.id === query.clinicalArea)?.name;
      case 'availableWithinDays':
        return query.availableWithinDays
          ? t('findDoctor.filters.withinDays', { count: query.availableWithinDays })
          : undefined;
      case 'newPatients':
        return undefined;
    }
  };

  return (
    <div className="fd-relax">
      <h3 className="fd-relax__title">{t('findDoctor.relax.title')}</h3>
      {usable.length > 0 ? (
        <>
          <p>{t('findDoctor.relax.intro')}</p>
          <ul className="plain-list fd-relax__list">
            {usable.map((s) => (
              <li key={s.filter}>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => onApply(withoutFilter(query, s.filter))}
                >
                  {t('findDoctor.relax.action', {
                    filter: isRelaxable(s.filter) ? describe(s.filter) : s.filter,
                    count: s.resultCount,
                  })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('findDoctor.relax.noneLeft')}</p>
      )}
    </div>
  );
}
