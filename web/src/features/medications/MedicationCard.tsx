import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Medication } from '@portico/contracts';
import { formatDate, telHref } from '../../app/ui/format';
import { RefillBlock } from './RefillBlock';

interface MedicationCardProps {
  medication: Medication;
  officePhone: string;
}

/** One medication: how to take it, who prescribed it, refills left, last fill, and the refill action or why there is none. */
export function MedicationCard({ medication: m, officePhone }: MedicationCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = `med-${m.id}`;
  const active = m.status === 'active';
  return (
    <li className={active ? 'md-item' : 'md-item md-item--past'} aria-labelledby={headingId}>
      <h3 id={headingId} className="md-item__name">
        {m.name} <span className="md-item__strength">{m.strength}</span>
      </h3>
      {!active || m.controlledSchedule ? (
        <p className="md-tags">
          {!active ? <span className="tag">{t(`medications.status.${m.status}`)}</span> : null}
          {m.controlledSchedule ? (
            <span className="tag md-tag--controlled">
              {t('medications.controlled', { schedule: m.controlledSchedule })}
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="md-facts">
        <div>
          <dt>{t('medications.fields.directions')}</dt>
          <dd>{m.directions}</dd>
        </div>
        <div>
          <dt>{t('medications.fields.prescriber')}</dt>
          <dd>{m.prescriber.name}</dd>
        </div>
        <div>
          <dt>{t('medications.fields.quantity')}</dt>
          <dd>
            {m.daysSupply
              ? t('medications.quantityDays', { count: m.quantity, unit: m.quantityUnit, days: m.daysSupply })
              : t('medications.quantityValue', { count: m.quantity, unit: m.quantityUnit })}
          </dd>
        </div>
        <div>
          <dt>{t('medications.fields.refillsLeft')}</dt>
          <dd>{t('medications.refillsLeftValue', { count: m.refillsRemaining, total: m.refillsAuthorized })}</dd>
        </div>
        <div>
          <dt>{t('medications.fields.lastFilled')}</dt>
          <dd>{m.lastFilledOn ? formatDate(m.lastFilledOn, i18n.language) : t('medications.notFilled')}</dd>
        </div>
        {active && m.runsOutOn ? (
          <div>
            <dt>{t('medications.fields.runsOut')}</dt>
            <dd>{formatDate(m.runsOutOn, i18n.language)}</dd>
          </div>
        ) : null}
      </dl>
      {m.refill.eligible ? (
        <>
          {m.refill.runsOutSoon ? (
            <p className="md-soon">
              {t('medications.runsOutSoon', { phone: officePhone })}{' '}
              <a href={telHref(officePhone)}>{t('medications.callOffice', { phone: officePhone })}</a>
            </p>
          ) : null}
          <p className="md-actions">
            <Link className="button" to={`/medications/${encodeURIComponent(m.id)}/refill`}>
              {t('medications.requestRefill')}
              <span className="visually-hidden"> {t('medications.requestRefillOf', { name: m.name })}</span>
            </Link>
          </p>
        </>
      ) : m.refill.reason ? (
        <RefillBlock medication={m} reason={m.refill.reason} officePhone={officePhone} />
      ) : null}
    </li>
  );
}
