import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { TextField } from '../../app/forms/Field';
import { formatDate } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { SEARCH_LIMIT, usePatientSearch } from './api';

/** Search by name or email; the query lives in the address so Back returns to the results. */
export function PatientSearch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const search = usePatientSearch(q);

  return (
    <div className="patient-search">
      <SearchForm current={q} onSearch={(next) => setParams(next ? { q: next } : {})} />
      {search.isLoading ? <Loading label={t('staff.search.searching')} /> : null}
      {search.isError ? <ErrorMessage>{messageForError(t, search.error)}</ErrorMessage> : null}
      {search.data ? (
        <div className="results" role="status">
          <p className="results__count">
            {search.data.length === 0
              ? t('staff.search.none', { q })
              : search.data.length >= SEARCH_LIMIT
                ? t('staff.search.many', { count: search.data.length })
                : t('staff.search.count', { count: search.data.length, q })}
          </p>
        </div>
      ) : null}
      {search.data && search.data.length > 0 ? (
        <ul className="result-list">
          {search.data.map((p) => (
            <li key={p.id} className="result">
              <Link to={`/patients/${p.id}`} className="result__name">
                {p.familyName}, {p.givenName}
              </Link>
              <p className="result__meta">
                {t('staff.patient.born', { date: formatDate(p.birthDate, i18n.language) })}
                {p.email ? ` · ${p.email}` : ''}
              </p>
              <p className={p.hasAccount ? 'tag tag--ok' : 'tag'}>
                {p.hasAccount ? t('staff.patient.hasAccount') : t('staff.patient.noAccount')}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function SearchForm({ current, onSearch }: { current: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(current);
  const [shown, setShown] = useState(current);
  // The address changed (Back, or the menu link): show its query in the box.
  if (shown !== current) {
    setShown(current);
    setText(current);
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form className="search-form" role="search" onSubmit={onSubmit}>
      <TextField
        formId="patient-search"
        name="q"
        label={t('staff.search.label')}
        hint={t('staff.search.hint')}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button">
        {t('staff.search.submit')}
      </button>
    </form>
  );
}
