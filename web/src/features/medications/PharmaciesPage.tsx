import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { usePharmacies } from './api';
import { PharmacyForm } from './PharmacyForm';
import { PharmacyItem } from './PharmacyItem';
import './medications.css';

/** Only a refill page of this app may be the way back (never another site). */
function safeReturn(value: string | null): string | null {
  return value && /^\/medications\/[0-9a-f-]{36}\/refill$/i.test(value) ? value : null;
}

/**
 * /medications/pharmacies — the patient's saved pharmacies: add, change, choose the preferred one,
 * remove. Self-contained, so other pages (the refill request, the profile) can link here; with
 * `?return=` it goes back to the refill request once a pharmacy is added.
 */
export function PharmaciesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const back = safeReturn(params.get('return'));
  const pharmacies = usePharmacies();
  const [adding, setAdding] = useState(params.get('add') === '1');
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const announce = (message: string) => {
    setNotice(message);
    window.requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <div className="md-page">
      <p className="md-back">
        <Link to={back ?? '/medications'}>
          {back ? t('medications.pharmacies.backToRefill') : t('medications.pharmacies.backToMedications')}
        </Link>
      </p>
      <PageTitle>{t('medications.pharmacies.title')}</PageTitle>
      <div ref={noticeRef} tabIndex={-1} role="status" className="md-live">
        {notice ? (
          <div className="notice notice--success">
            <div className="notice__body">{notice}</div>
          </div>
        ) : null}
      </div>
      <p className="lede">{t('medications.pharmacies.intro')}</p>
      {adding ? (
        <PharmacyForm
          onCancel={() => {
            setAdding(false);
            window.requestAnimationFrame(() => addButton.current?.focus());
          }}
          onSaved={(saved) => {
            setAdding(false);
            if (back) void navigate(back, { state: { pharmacyId: saved.id } });
            else announce(t('medications.pharmacies.saved', { name: saved.name }));
          }}
        />
      ) : (
        <p>
          <button ref={addButton} type="button" className="button" onClick={() => setAdding(true)}>
            {t('medications.pharmacies.add')}
          </button>
        </p>
      )}
      <section className="section" aria-labelledby="pharmacies-title">
        <h2 id="pharmacies-title">{t('medications.pharmacies.listTitle')}</h2>
        {pharmacies.isLoading ? <Loading /> : null}
        {pharmacies.isError ? (
          <LoadProblem
            lead={t('medications.pharmacies.loadError')}
            error={pharmacies.error}
            retry={() => void pharmacies.refetch()}
          />
        ) : null}
        {pharmacies.data?.length === 0 ? <p>{t('medications.pharmacies.none')}</p> : null}
        {pharmacies.data && pharmacies.data.length > 0 ? (
          <ul className="md-list">
            {pharmacies.data.map((p) => (
              <PharmacyItem key={p.id} pharmacy={p} onDone={announce} />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
