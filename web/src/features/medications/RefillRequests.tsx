import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RefillRequest, RefillStatus } from '@portico/contracts';
import { formatDateTime } from '../../app/ui/format';
import { useWithdrawRefill } from './api';
import { medicationProblem } from './problems';

const SHOWN = 5;

const TAG: Record<RefillStatus, string> = {
  requested: 'tag md-tag--waiting',
  approved: 'tag tag--ok',
  denied: 'tag tag--bad',
  'visit-needed': 'tag md-tag--waiting',
  cancelled: 'tag',
};

interface RefillRequestsProps {
  requests: RefillRequest[];
  /** The prescriber's booking page for a medication, when a visit is needed. */
  bookLink: (medicationId: string) => string | null;
  onDone: (message: string) => void;
}

/** The patient's recent refill requests: status in words, dates, who answered and why. */
export function RefillRequests({ requests, bookLink, onDone }: RefillRequestsProps) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? requests : requests.slice(0, SHOWN);
  return (
    <section className="section" aria-labelledby="refill-requests-title">
      <h2 id="refill-requests-title">{t('medications.requests.title')}</h2>
      <p className="hint">{t('medications.requests.intro')}</p>
      <ul className="md-list">
        {shown.map((r) => (
          <RequestItem key={r.id} request={r} bookLink={bookLink(r.medicationId)} onDone={onDone} />
        ))}
      </ul>
      {requests.length > SHOWN && !all ? (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
            {t('medications.requests.showAll', { count: requests.length })}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function RequestItem({
  request: r,
  bookLink,
  onDone,
}: {
  request: RefillRequest;
  bookLink: string | null;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawRefill();
  const [problem, setProblem] = useState('');
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const headingId = `refill-${r.id}`;
  return (
    <li className="md-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="md-item__name">
        {r.medicationName} <span className="md-item__strength">{r.strength}</span>
      </h3>
      <p className="md-tags">
        <span className={TAG[r.status]}>{t(`medications.requests.status.${r.status}`)}</span>
      </p>
      <div className="md-request">
        <p>
          {t('medications.requests.sent', { date: when(r.createdAt), name: r.requestedBy, pharmacy: r.pharmacy.name })}
        </p>
        {r.decidedAt && r.status === 'cancelled' ? (
          <p>{t('medications.requests.withdrawn', { date: when(r.decidedAt) })}</p>
        ) : r.decidedAt ? (
          <p>{t('medications.requests.decided', { date: when(r.decidedAt), name: r.decidedBy ?? '' })}</p>
        ) : null}
        {r.status === 'approved' && r.approvedQuantity !== null ? (
          <p>
            {t('medications.requests.approvedQuantity', {
              count: r.approvedQuantity,
              unit: r.quantityUnit,
              pharmacy: r.pharmacy.name,
              phone: r.pharmacy.phone,
            })}
          </p>
        ) : null}
        {r.reason ? (
          <p className="md-request__reason">{t('medications.requests.reason', { reason: r.reason })}</p>
        ) : null}
        {r.note ? <p>{t('medications.requests.note', { note: r.note })}</p> : null}
      </div>
      {r.status === 'visit-needed' && bookLink ? (
        <p className="md-actions">
          <Link className="button" to={bookLink}>
            {t('medications.requests.bookVisit')}
          </Link>
        </p>
      ) : null}
      {r.status === 'requested' ? (
        <p className="md-actions">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={withdraw.isPending || undefined}
            onClick={() => {
              if (withdraw.isPending) return;
              setProblem('');
              withdraw.mutate(r.id, {
                onSuccess: () => onDone(t('medications.requests.withdrawnDone', { name: r.medicationName })),
                onError: (error) => setProblem(medicationProblem(t, error)),
              });
            }}
          >
            {t('medications.requests.withdraw')}
            <span className="visually-hidden"> {t('medications.requests.withdrawOf', { name: r.medicationName })}</span>
          </button>
        </p>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
