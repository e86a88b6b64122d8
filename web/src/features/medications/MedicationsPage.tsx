import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Medication } from '@portico/contracts';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { useMedications } from './api';
import { MedicationCard } from './MedicationCard';
import { RefillRequests } from './RefillRequests';
import './medications.css';

/** A message another page left for this one (after a refill request was sent). */
function sentNotice(state: unknown): string {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string'
    ? state.notice
    : '';
}

/** The open record's medications, what can be refilled online (and why not), and recent refill requests. */
export function MedicationsPage() {
  const { t } = useTranslation();
  const list = useMedications();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(() => sentNotice(location.state));
  // Shown once: a reload or a later visit to this entry of the history does not repeat it.
  useEffect(() => {
    if (sentNotice(location.state)) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const noticeRef = useRef<HTMLDivElement>(null);
  const announce = (message: string) => {
    setNotice(message);
    window.requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const data = list.data;
  const current = data?.medications.filter((m) => m.status === 'active') ?? [];
  const past = data?.medications.filter((m) => m.status !== 'active') ?? [];
  const prescriberOf = (id: string): Medication | undefined => data?.medications.find((m) => m.id === id);

  return (
    <div className="md-page">
      <PageTitle>{t('medications.title')}</PageTitle>
      <div ref={noticeRef} tabIndex={-1} role="status" className="md-live">
        {notice ? (
          <div className="notice notice--success">
            <div className="notice__body">{notice}</div>
          </div>
        ) : null}
      </div>
      <p className="lede">{t('medications.intro')}</p>
      {data ? <p className="hint">{t('medications.runOutHint', { count: data.minDaysBeforeRunOut })}</p> : null}
      <p>
        <Link to="/medications/pharmacies">{t('medications.pharmaciesLink')}</Link>
      </p>
      {list.isLoading ? <Loading /> : null}
      {list.isError ? (
        <LoadProblem lead={t('medications.loadError')} error={list.error} retry={() => void list.refetch()} />
      ) : null}
      {data && data.medications.length === 0 ? <p>{t('medications.none')}</p> : null}
      {data && data.requests.length > 0 ? (
        <RefillRequests
          requests={data.requests}
          onDone={announce}
          bookLink={(id) => {
            const m = prescriberOf(id);
            return m ? `/find-a-doctor/${encodeURIComponent(m.prescriber.id)}` : null;
          }}
        />
      ) : null}
      {current.length > 0 && data ? (
        <section className="section" aria-labelledby="meds-current">
          <h2 id="meds-current">{t('medications.current')}</h2>
          <ul className="md-list">
            {current.map((m) => (
              <MedicationCard key={m.id} medication={m} officePhone={data.officePhone} />
            ))}
          </ul>
        </section>
      ) : null}
      {past.length > 0 && data ? (
        <section className="section" aria-labelledby="meds-past">
          <h2 id="meds-past">{t('medications.past')}</h2>
          <ul className="md-list">
            {past.map((m) => (
              <MedicationCard key={m.id} medication={m} officePhone={data.officePhone} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
