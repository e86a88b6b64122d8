import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentRecord } from '../sharing';
import { useCoverages } from './api';

/**
 * For the visit check-in: the primary insurance on file, so "my insurance has not changed" is
 * answered against something. Says nothing when the reader may not see the profile part.
 */
export function PrimaryCoverageNote() {
  const { t } = useTranslation();
  const record = useCurrentRecord();
  const allowed = record?.areas.includes('profile') ?? false;
  const coverages = useCoverages(allowed);
  if (!allowed || !coverages.data) return null;
  const primary = coverages.data.coverages.find((c) => c.priority === 1);
  return (
    <span className="block">
      {primary
        ? t('profile.checkIn.onFile', {
            payer: primary.plan.payerName,
            plan: primary.plan.planName,
            memberId: primary.memberId,
          })
        : t('profile.checkIn.noneOnFile')}{' '}
      <Link to="/profile">{t('profile.checkIn.change')}</Link>
    </span>
  );
}
