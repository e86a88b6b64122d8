import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../../app/errors';
import { TextField } from '../../../app/forms/Field';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { CLINICIAN_PAGE_SIZE, useManagedClinicians } from '../lib/queries';
import { ClinicianTable } from './ClinicianTable';

/** Staff and admins: every clinician they manage, with links to each profile and schedule. */
export function CliniciansPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const list = useManagedClinicians(q, page);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / CLINICIAN_PAGE_SIZE)) : 1;
  const go = (nextQ: string, nextPage: number) => {
    const next: Record<string, string> = {};
    if (nextQ) next.q = nextQ;
    if (nextPage > 1) next.page = String(nextPage);
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('scheduleAdmin.clinicians.title')}</PageTitle>
      <ul className="sa-links">
        <li>
          <Link className="button" to="/admin/clinicians/new">
            {t('scheduleAdmin.clinicians.add')}
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to="/admin/clinical-areas">
            {t('scheduleAdmin.areas.title')}
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to="/admin/scheduling-settings">
            {t('scheduleAdmin.clinicians.holidaysLink')}
          </Link>
        </li>
      </ul>
      <SearchForm current={q} onSearch={(next) => go(next, 1)} />
      {list.isLoading ? <Loading /> : null}
      {list.isError ? <ErrorMessage>{messageForError(t, list.error)}</ErrorMessage> : null}
      {list.data ? (
        <section className="section" aria-labelledby="clinician-list-title" aria-busy={list.isFetching}>
          <h2 id="clinician-list-title">{t('scheduleAdmin.clinicians.listTitle')}</h2>
          <p className="results__count" role="status">
            {t('scheduleAdmin.clinicians.count', { count: list.data.total, page, pages })}
          </p>
          {list.data.clinicians.length > 0 ? <ClinicianTable clinicians={list.data.clinicians} /> : null}
          {pages > 1 ? (
            <nav className="button-row" aria-label={t('scheduleAdmin.clinicians.pages')}>
              <button
                type="button"
                className="button button--secondary"
                disabled={page <= 1}
                onClick={() => go(q, page - 1)}
              >
                {t('scheduleAdmin.clinicians.previousPage')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={page >= pages}
                onClick={() => go(q, page + 1)}
              >
                {t('scheduleAdmin.clinicians.nextPage')}
              </button>
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function SearchForm({ current, onSearch }: { current: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(current);
  const [shown, setShown] = useState(current);
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
        formId="clinician-search"
        name="q"
        type="search"
        label={t('scheduleAdmin.clinicians.search')}
        hint={t('scheduleAdmin.clinicians.searchHint')}
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button">
        {t('staff.search.submit')}
      </button>
    </form>
  );
}
