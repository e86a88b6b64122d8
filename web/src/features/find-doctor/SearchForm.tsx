import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryFacets, DirectoryQuery } from '@portico/contracts';
import { Checkbox, SelectField, TextField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { useDirectoryLabels } from './labels';
import { activeFilterCount, SORTS, VISIT_MODES, WITHIN_DAYS, writeQuery } from './searchParams';

const FORM = 'find-doctor';
const PANEL_ID = 'find-doctor-filters';

interface SearchFormProps {
  query: DirectoryQuery;
  facets: DirectoryFacets | undefined;
  /** A whole new query, or a change worked out from the address as it is when it applies. */
  onSearch: (query: DirectoryQuery | ((current: DirectoryQuery) => DirectoryQuery)) => void;
}

/** The query to search for: text trimmed (or left out), back on page 1. */
function cleaned(draft: DirectoryQuery): DirectoryQuery {
  const next: DirectoryQuery = { ...draft };
  const q = next.q?.trim();
  if (q) next.q = q;
  else delete next.q;
  delete next.page;
  return next;
}

/**
 * Free text plus filters in one search form. A filter applies as soon as it is chosen (focus
 * stays where it is; the result count is announced); typed words search on Enter or "Search".
 * Every change is a new address, so results can be shared and Back undoes the last change.
 * On a phone the filters fold away behind a button that says how many are on.
 */
export function SearchForm({ query, facets, onSearch }: SearchFormProps) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  // Filters show the address as it is; only the typed words wait for Enter or "Search".
  const [text, setText] = useState(query.q ?? '');
  const [shownText, setShownText] = useState(query.q ?? '');
  const [open, setOpen] = useState(false);
  // The address changed (Back, Forward, a suggestion, "Clear"): show its words in the box.
  if ((query.q ?? '') !== shownText) {
    setShownText(query.q ?? '');
    setText(query.q ?? '');
  }
  const current = writeQuery(query).toString();
  const draft: DirectoryQuery = { ...query, q: text };

  /** The draft with one value changed (and a clinical area dropped when it no longer fits). */
  const change = <K extends keyof DirectoryQuery>(
    key: K,
    value: DirectoryQuery[K] | '',
    base: DirectoryQuery,
  ): DirectoryQuery => {
    const next: DirectoryQuery = { ...base, q: text };
    if (value === '' || value === undefined || value === false) delete next[key];
    else next[key] = value;
    // A clinical area belongs to one service line and one organization.
    if ((key === 'serviceLine' || key === 'organization') && next.clinicalArea && facets) {
      const area = facets.clinicalAreas.find((a) => a.id === next.clinicalArea);
      if (
        !area ||
        (next.serviceLine && area.serviceLineCode !== next.serviceLine) ||
        (next.organization && area.organizationId !== next.organization)
      ) {
        delete next.clinicalArea;
      }
    }
    return next;
  };

  /** A filter applies at once: the address changes (so Back undoes it) and the results follow. */
  // From the address at the moment it applies, not as of this render: two filters chosen in quick
  // succession (before the page re-renders) must both stick.
  const set = <K extends keyof DirectoryQuery>(key: K, value: DirectoryQuery[K] | '') => {
    onSearch((current) => cleaned(change(key, value, current)));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // On a phone the filters fold away again, so the results are close below the button.
    setOpen(false);
    onSearch(cleaned(draft));
  };

  const areas = (facets?.clinicalAreas ?? [])
    .filter((a) => !draft.serviceLine || a.serviceLineCode === draft.serviceLine)
    .filter((a) => !draft.organization || a.organizationId === draft.organization)
    .sort((a, b) => a.name.localeCompare(b.name));
  const languages = (facets?.languages ?? [])
    .map((f) => ({ value: f.value, label: labels.language(f.value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const states = (facets?.states ?? [])
    .map((f) => ({ value: f.value, label: labels.state(f.value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const activeCount = activeFilterCount(query);

  return (
    <form className="fd-search" role="search" onSubmit={onSubmit} noValidate>
      <TextField
        formId={FORM}
        name="q"
        type="search"
        label={t('findDoctor.search.label')}
        hint={t('findDoctor.search.hint')}
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="button"
        className="button button--quiet fd-search__toggle"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('findDoctor.search.hideFilters') : t('findDoctor.search.showFilters')}
        {activeCount > 0 ? (
          <span className="badge">{t('findDoctor.search.activeFilters', { count: activeCount })}</span>
        ) : null}
      </button>
      <fieldset id={PANEL_ID} className={open ? 'fd-filters fd-filters--open' : 'fd-filters'}>
        <legend className="visually-hidden">{t('findDoctor.search.filtersTitle')}</legend>
        <FacetSelect
          name="serviceLine"
          label={t('findDoctor.filters.serviceLine')}
          value={draft.serviceLine}
          options={facets?.serviceLines ?? []}
          onChange={(value) => set('serviceLine', value)}
        />
        <FacetSelect
          name="clinicalArea"
          label={t('findDoctor.filters.clinicalArea')}
          value={draft.clinicalArea}
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          onChange={(value) => set('clinicalArea', value)}
        />
        <FacetSelect
          name="organization"
          label={t('findDoctor.filters.organization')}
          value={draft.organization}
          options={facets?.organizations ?? []}
          onChange={(value) => set('organization', value)}
        />
        <FacetSelect
          name="language"
          label={t('findDoctor.filters.language')}
          value={draft.language}
          options={languages}
          onChange={(value) => set('language', value)}
        />
        <FacetSelect
          name="state"
          label={t('findDoctor.filters.state')}
          hint={t('findDoctor.filters.stateHint')}
          value={draft.state}
          options={states}
          onChange={(value) => set('state', value)}
        />
        <SelectField
          formId={FORM}
          name="visitMode"
          label={t('findDoctor.filters.visitMode')}
          value={draft.visitMode ?? ''}
          onChange={(event) => set('visitMode', VISIT_MODES.find((m) => m === event.target.value) ?? '')}
        >
          <option value="">{t('findDoctor.filters.any')}</option>
          {VISIT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {labels.mode(mode)}
            </option>
          ))}
        </SelectField>
        <SelectField
          formId={FORM}
          name="availableWithinDays"
          label={t('findDoctor.filters.availableWithinDays')}
          value={draft.availableWithinDays === undefined ? '' : String(draft.availableWithinDays)}
          onChange={(event) => set('availableWithinDays', event.target.value === '' ? '' : Number(event.target.value))}
        >
          <option value="">{t('findDoctor.filters.anyTime')}</option>
          {WITHIN_DAYS.map((days) => (
            <option key={days} value={String(days)}>
              {t('findDoctor.filters.withinDays', { count: days })}
            </option>
          ))}
        </SelectField>
        <SelectField
          formId={FORM}
          name="sort"
          label={t('findDoctor.filters.sort')}
          value={draft.sort ?? 'relevance'}
          onChange={(event) => set('sort', SORTS.find((s) => s === event.target.value) ?? '')}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`findDoctor.filters.sorts.${sort}`)}
            </option>
          ))}
        </SelectField>
        <Checkbox
          formId={FORM}
          name="newPatients"
          label={t('findDoctor.filters.newPatients')}
          checked={draft.newPatients === true}
          onChange={(checked) => set('newPatients', checked)}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button">
          {t('findDoctor.search.submit')}
        </button>
        {current !== '' ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setText('');
              onSearch({});
              // This button goes away with the filters: start again from the search box.
              document.getElementById(fieldId(FORM, 'q'))?.focus();
            }}
          >
            {t('findDoctor.search.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

interface FacetSelectProps {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

/** One filter chosen from a list, with "Any" first. */
function FacetSelect({ name, label, hint, value, options, onChange }: FacetSelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField
      formId={FORM}
      name={name}
      label={label}
      {...(hint ? { hint } : {})}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('findDoctor.filters.any')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}
