import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../../app/errors';
import { SelectField } from '../../../app/forms/Field';
import { useRequiredSession } from '../../../app/session/context';
import { hasRole, REGISTRAR_ROLES } from '../../../app/session/roles';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useRequests } from '../lib/queries';
import { RequestCard } from './RequestCard';

const STATUSES = ['pending', 'booked', 'declined'] as const;
type Status = (typeof STATUSES)[number];
const asStatus = (value: string | null): Status => STATUSES.find((s) => s === value) ?? 'pending';

/** Patients' appointment requests (for clinicians who do not take self-scheduled visits). */
export function RequestsPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const canDecide = hasRole(session.user.role, REGISTRAR_ROLES);
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get('status'));
  const requests = useRequests(status);
  const [result, setResult] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const announce = (message: string) => {
    setResult(message);
    window.requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <>
      <PageTitle>{t('scheduleAdmin.requests.title')}</PageTitle>
      <p className="lede">
        {canDecide ? t('scheduleAdmin.requests.intro') : t('scheduleAdmin.requests.introReadOnly')}
      </p>
      <div ref={resultRef} tabIndex={-1} className="sa-result">
        {result ? <Notice tone="success">{result}</Notice> : null}
      </div>
      <div className="filters sa-filters">
        <SelectField
          formId="requests"
          name="status"
          label={t('scheduleAdmin.requests.show')}
          value={status}
          onChange={(event) => setParams(event.target.value === 'pending' ? {} : { status: event.target.value })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`scheduleAdmin.requests.statusFilter.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <section className="section" aria-labelledby="requests-title" aria-busy={requests.isFetching}>
        <h2 id="requests-title">{t(`scheduleAdmin.requests.listTitle.${status}`)}</h2>
        {requests.isLoading ? <Loading /> : null}
        {requests.isError ? <ErrorMessage>{messageForError(t, requests.error)}</ErrorMessage> : null}
        <p className="results__count" role="status">
          {requests.data ? t('scheduleAdmin.requests.count', { count: requests.data.length }) : null}
        </p>
        {requests.data && requests.data.length > 0 ? (
          <ul className="sa-appts">
            {requests.data.map((r) => (
              <RequestCard
                key={r.id}
                request={r}
                canDecide={canDecide && r.status === 'pending'}
                onDecided={announce}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
