import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { PhoneLink } from '../PhoneLink';
import { Icon } from './icons';

/** The visit continues by phone: the patient learns which number will ring; the clinician gets it to tap. */
export function PhoneBanner({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  if (!visit.phoneFallback.active) return null;
  const number = visit.phoneFallback.number;
  const host = visit.you.role === 'clinician' || visit.you.role === 'staff';
  return (
    <div className="notice notice--warning vi-phone-banner" role="alert">
      <p className="notice__title">
        <Icon name="phone" size={20} /> {t('visit.phone.title')}
      </p>
      <div className="notice__body">
        {host ? (
          <p>
            {t('visit.phone.hostCall', { patient: visit.patientName })} {number ? <PhoneLink number={number} /> : null}
          </p>
        ) : visit.you.role === 'patient' ? (
          <p>
            {number
              ? t('visit.phone.patient', { clinician: visit.clinicianName, number })
              : t('visit.phone.patientNoNumber')}
          </p>
        ) : (
          <p>{t('visit.phone.guest')}</p>
        )}
      </div>
    </div>
  );
}
