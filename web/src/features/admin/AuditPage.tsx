import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useAuditEvents, type AuditFilters } from './api';
import { AUDIT_FIELDS, AuditFilterForm, type AuditFormValues } from './AuditFilterForm';
import { AuditReport } from './AuditReport';
import { AuditTable } from './AuditTable';

/** A datetime-local value (the viewer's time) as an ISO instant for the API. */
function toIso(local: string): string {
  if (!local) return '';
  const time = new Date(local).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : '';
}

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const form: AuditFormValues = {
    patient: params.get('patient') ?? '',
    user: params.get('user') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  // An older link may still name the patient or the user by id.
  const filters: AuditFilters = {
    ...form,
    patientId: params.get('patientId') ?? '',
    userId: params.get('userId') ?? '',
    from: toIso(form.from),
    to: toIso(form.to),
  };
  const audit = useAuditEvents(filters);
  const events = audit.data?.pages.flatMap((page) => page.events) ?? [];

  const apply = (values: AuditFormValues) => {
    const next: Record<string, string> = {};
    for (const name of AUDIT_FIELDS) if (values[name]) next[name] = values[name];
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('admin.audit.title')}</PageTitle>
      <p className="lede">{t('admin.audit.intro')}</p>
      <AuditFilterForm initial={form} onApply={apply} />
      <AuditReport filters={filters} />
      {audit.isLoading ? <Loading /> : null}
      {audit.isError ? <ErrorMessage>{messageForError(t, audit.error)}</ErrorMessage> : null}
      {audit.data && events.length === 0 ? <p role="status">{t('admin.audit.none')}</p> : null}
      {events.length > 0 ? <AuditTable events={events} /> : null}
      {audit.hasNextPage ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={audit.isFetchingNextPage || undefined}
            onClick={() => {
              if (!audit.isFetchingNextPage) void audit.fetchNextPage();
            }}
          >
            {t('admin.audit.loadMore')}
          </button>
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {audit.isFetchingNextPage ? t('admin.audit.loadingMore') : ''}
      </p>
    </>
  );
}
