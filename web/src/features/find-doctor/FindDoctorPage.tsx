import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DirectoryQuery, DirectoryResult } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useDirectorySearch, useFacets } from './api';
import { ClinicianResult } from './ClinicianResult';
import { RelaxSuggestions } from './RelaxSuggestions';
import { SearchForm } from './SearchForm';
import { PAGE_SIZE, readQuery, writeQuery } from './searchParams';
import './findDoctor.css';

/**
 * "Find a Virtual Visit Doctor": public, no sign-in. The whole search lives in the address, so
 * Back, Forward, reload and a shared link all show the same results.
 */
export function FindDoctorPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const search = writeQuery(query).toString();
  const facets = useFacets();
  const results = useDirectorySearch(query);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const go = (next: DirectoryQuery | ((current: DirectoryQuery) => DirectoryQuery), focusResults = false) => {
    // The router updates the address at once but this page's `params` only on its next render.
    const resolved = typeof next === 'function' ? next(readQuery(new URLSearchParams(window.location.search))) : next;
    setParams(writeQuery(resolved));
    if (focusResults) {
      resultsHeading.current?.focus();
      resultsHeading.current?.scrollIntoView({ block: 'start' });
    }
  };

  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const page = query.page ?? 1;

  return (
    <>
      <PageTitle>{t('findDoctor.title')}</PageTitle>
      <p className="lede">{t('findDoctor.intro')}</p>
      <SearchForm query={query} facets={facets.data} onSearch={(next) => go(next)} />
      <section className="section" aria-labelledby="fd-results-title">
        <h2 id="fd-results-title" ref={resultsHeading} tabIndex={-1}>
          {t('findDoctor.results.title')}
        </h2>
        {/* Always in the page, so a screen reader hears each new count without moving. */}
        <p className="results__count" role="status" aria-live="polite">
          {statusText(t, results.isFetching, data, page, pages)}
        </p>
        {results.isError ? (
          <ErrorMessage>
            <p>
              {t('findDoctor.results.error')} {messageForError(t, results.error)}
            </p>
            <button type="button" className="button button--secondary" onClick={() => void results.refetch()}>
              {t('findDoctor.results.retry')}
            </button>
          </ErrorMessage>
        ) : null}
        {data && data.total === 0 ? (
          <RelaxSuggestions
            query={query}
            suggestions={data.relax}
            facets={facets.data}
            onApply={(next) => go(next, true)}
          />
        ) : null}
        {data && data.clinicians.length > 0 ? (
          <ul className="fd-results" aria-busy={results.isFetching || undefined}>
            {data.clinicians.map((clinician) => (
              <ClinicianResult key={clinician.id} clinician={clinician} search={search} />
            ))}
          </ul>
        ) : null}
        {data && pages > 1 ? (
          <nav className="fd-pages" aria-label={t('findDoctor.pagination.label')}>
            {page > 1 ? (
              <Link
                className="button button--secondary"
                to={{ search: writeQuery({ ...query, page: page - 1 }).toString() }}
                onClick={(event) => {
                  event.preventDefault();
                  go({ ...query, page: page - 1 }, true);
                }}
              >
                {t('findDoctor.pagination.previous')}
              </Link>
            ) : null}
            {page < pages ? (
              <Link
                className="button button--secondary"
                to={{ search: writeQuery({ ...query, page: page + 1 }).toString() }}
                onClick={(event) => {
                  event.preventDefault();
                  go({ ...query, page: page + 1 }, true);
                }}
              >
                {t('findDoctor.pagination.next')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

function statusText(
  t: TFunction,
  fetching: boolean,
  data: DirectoryResult | undefined,
  page: number,
  pages: number,
): string {
  if (fetching) return t('findDoctor.results.searching');
  if (!data) return '';
  if (data.total === 0) return t('findDoctor.results.none');
  if (pages > 1) return t('findDoctor.results.countPaged', { count: data.total, page, pages });
  return t('findDoctor.results.count', { count: data.total });
}
