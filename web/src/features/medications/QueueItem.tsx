import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefillDecision, RefillQueueItem } from '@portico/contracts';
import { formatDate, formatDateTime, telHref } from '../../app/ui/format';
import { DecisionForm } from './DecisionForm';

const DECISIONS: readonly RefillDecision[] = ['approve', 'deny', 'visit'];

interface QueueItemProps {
  request: RefillQueueItem;
  onDecided: (message: string) => void;
}

/** One open request with what the prescriber needs to decide, and the three answers. */
export function QueueItem({ request: r, onDecided }: QueueItemProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<RefillDecision | null>(null);
  const buttons = useRef<Partial<Record<RefillDecision, HTMLButtonElement | null>>>({});
  const headingId = `queue-${r.id}`;
  const ph = r.pharmacyDetails;
  const close = (which: RefillDecision) => {
    setOpen(null);
    window.requestAnimationFrame(() => buttons.current[which]?.focus());
  };
  return (
    <li className="md-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="md-item__name">
        {t('medications.queue.heading', {
          medication: r.medicationName,
          strength: r.strength,
          patient: r.patient.name,
        })}
      </h3>
      {r.mine || r.controlledSchedule ? (
        <p className="md-tags">
          {r.mine ? <span className="tag tag--ok">{t(`medications.queue.mine.${r.mine}`)}</span> : null}
          {r.controlledSchedule ? (
            <span className="tag md-tag--controlled">
              {t('medications.controlled', { schedule: r.controlledSchedule })}
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="md-facts md-facts--grid">
        <div>
          <dt>{t('medications.queue.fields.patient')}</dt>
          <dd>
            {r.patient.name},{' '}
            {t('medications.queue.fields.born', { date: formatDate(r.patient.birthDate, i18n.language) })}
          </dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.directions')}</dt>
          <dd>{r.directions}</dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.quantity')}</dt>
          <dd>
            {r.daysSupply
              ? t('medications.quantityDays', { count: r.quantity, unit: r.quantityUnit, days: r.daysSupply })
              : t('medications.quantityValue', { count: r.quantity, unit: r.quantityUnit })}
          </dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.refillsLeft')}</dt>
          <dd>{r.refillsRemaining}</dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.lastFilled')}</dt>
          <dd>{r.lastFilledOn ? formatDate(r.lastFilledOn, i18n.language) : t('medications.notFilled')}</dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.prescriber')}</dt>
          <dd>{r.prescriber.name}</dd>
        </div>
        {r.answeredBy.kind !== 'prescriber' ? (
          <div>
            <dt>{t('medications.queue.fields.answeredBy')}</dt>
            <dd>
              {t('medications.queue.fields.answeredByOther', {
                name: r.answeredBy.name,
                prescriber: r.prescriber.name,
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('medications.queue.fields.pharmacy')}</dt>
          <dd>
            {ph.name}, {ph.addressLine1}, {ph.city}, {ph.state} {ph.postalCode} ·{' '}
            <a href={telHref(ph.phone)}>{ph.phone}</a>
            {ph.ncpdpId ? ` · ${t('medications.pharmacies.ncpdp', { id: ph.ncpdpId })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('medications.queue.fields.sent')}</dt>
          <dd>
            {t('medications.queue.fields.sentBy', {
              date: formatDateTime(r.createdAt, i18n.language),
              name: r.requestedBy,
            })}
          </dd>
        </div>
        {r.note ? (
          <div>
            <dt>{t('medications.queue.fields.note')}</dt>
            <dd>{r.note}</dd>
          </div>
        ) : null}
      </dl>
      {r.canDecide ? (
        <div className="button-row">
          {DECISIONS.map((d) => (
            <button
              key={d}
              ref={(el) => {
                buttons.current[d] = el;
              }}
              type="button"
              className={d === 'approve' ? 'button' : 'button button--secondary'}
              aria-expanded={open === d}
              aria-controls={`${headingId}-${d}`}
              onClick={() => setOpen((o) => (o === d ? null : d))}
            >
              {t(`medications.queue.${d}`)}
              <span className="visually-hidden"> {t('medications.queue.ofRequest', { patient: r.patient.name })}</span>
            </button>
          ))}
        </div>
      ) : (
        <p className="hint">{t('medications.queue.notYours', { name: r.answeredBy.name })}</p>
      )}
      {DECISIONS.map((d) => (
        <div key={d} id={`${headingId}-${d}`} hidden={open !== d}>
          {open === d ? <DecisionForm request={r} decision={d} onDone={onDecided} onClose={() => close(d)} /> : null}
        </div>
      ))}
    </li>
  );
}
