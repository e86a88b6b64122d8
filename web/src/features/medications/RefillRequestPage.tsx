import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { useMedication, useMedications, usePharmacies, useRequestRefill } from './api';
import { RefillBlock } from './RefillBlock';
import { RefillForm, type RefillChoice } from './RefillForm';
import { RefillReview } from './RefillReview';
import './medications.css';

/** The pharmacy a page sent back here (a pharmacy just added), to choose it at once. */
function returnedPharmacy(state: unknown): string {
  return typeof state === 'object' && state !== null && 'pharmacyId' in state && typeof state.pharmacyId === 'string'
    ? state.pharmacyId
    : '';
}

/**
 * /medications/:id/refill — choose a pharmacy, add a note, review, send. A refill that cannot be
 * asked for online is explained here instead of the form, before anything is sent.
 */
export function RefillRequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const medication = useMedication(id);
  const pharmacies = usePharmacies();
  const list = useMedications();
  const send = useRequestRefill(id);
  const added = returnedPharmacy(useLocation().state);
  const [choice, setChoice] = useState<RefillChoice | null>(null);
  const [step, setStep] = useState<'form' | 'review'>('form');
  const officePhone = list.data?.officePhone ?? '';
  const m = medication.data;

  return (
    <div className="md-page">
      <p className="md-back">
        <Link to="/medications">{t('medications.refill.back')}</Link>
      </p>
      <PageTitle>{t('medications.refill.title')}</PageTitle>
      {medication.isLoading || pharmacies.isLoading ? <Loading /> : null}
      {medication.isError ? (
        <LoadProblem
          lead={t('medications.refill.loadError')}
          error={medication.error}
          retry={() => void medication.refetch()}
        />
      ) : null}
      {pharmacies.isError ? (
        <LoadProblem
          lead={t('medications.pharmacies.loadError')}
          error={pharmacies.error}
          retry={() => void pharmacies.refetch()}
        />
      ) : null}
      {m ? (
        <div className="md-item md-item--summary">
          <h2 className="md-item__name">
            {m.name} <span className="md-item__strength">{m.strength}</span>
          </h2>
          <p>{m.directions}</p>
        </div>
      ) : null}
      {m && !m.refill.eligible && m.refill.reason ? (
        <div className="notice notice--warning">
          <p className="notice__title">{t('medications.refill.notPossible')}</p>
          <RefillBlock medication={m} reason={m.refill.reason} officePhone={officePhone} />
        </div>
      ) : null}
      {m && m.refill.eligible && pharmacies.data ? (
        step === 'form' ? (
          <RefillForm
            medicationId={m.id}
            pharmacies={pharmacies.data}
            initial={choice ?? { pharmacyId: added, note: '' }}
            returning={choice !== null}
            onReview={(next) => {
              setChoice(next);
              setStep('review');
            }}
          />
        ) : choice ? (
          <RefillReview
            medication={m}
            pharmacy={pharmacies.data.find((p) => p.id === choice.pharmacyId)}
            choice={choice}
            sending={send.isPending}
            error={send.error}
            onChange={() => {
              send.reset();
              setStep('form');
            }}
            onSend={() => {
              if (send.isPending) return;
              send.mutate(
                { pharmacyId: choice.pharmacyId, ...(choice.note.trim() ? { note: choice.note.trim() } : {}) },
                {
                  onSuccess: () =>
                    void navigate('/medications', { state: { notice: t('medications.sent', { name: m.name }) } }),
                },
              );
            }}
          />
        ) : null
      ) : null}
    </div>
  );
}
