import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Medication, RefillBlock as BlockCode } from '@portico/contracts';
import { telHref } from '../../app/ui/format';

interface RefillBlockProps {
  medication: Medication;
  reason: BlockCode;
  officePhone: string;
}

/**
 * Why this refill cannot be asked for online, in words, and what to do instead: call the office,
 * write to the care team, or book a visit with the prescriber. Shown before anyone submits.
 */
export function RefillBlock({ medication, reason, officePhone }: RefillBlockProps) {
  const { t } = useTranslation();
  const phone = medication.refill.phone ?? officePhone;
  const message = reason === 'medication_not_active' || reason === 'no_refills_remaining';
  return (
    <div className="md-block">
      <p className="md-block__text">{t(`medications.blocks.${reason}`, { phone })}</p>
      {reason === 'controlled_substance_not_online' ? (
        <p className="md-actions">
          <a className="button button--secondary" href={telHref(phone)}>
            {t('medications.callOffice', { phone })}
          </a>
        </p>
      ) : null}
      {message ? (
        <p className="md-actions">
          <Link className="button button--secondary" to="/messages/new">
            {t('medications.sendMessage')}
          </Link>
          {reason === 'no_refills_remaining' ? (
            <Link
              className="button button--secondary"
              to={`/find-a-doctor/${encodeURIComponent(medication.prescriber.id)}`}
            >
              {t('medications.bookVisit', { name: medication.prescriber.name })}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
