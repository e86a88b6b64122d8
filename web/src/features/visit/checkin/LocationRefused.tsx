import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { PhoneLink } from '../PhoneLink';
import { locationName, placeList } from '../placeNames';

interface LocationRefusedProps {
  view: VisitView;
  onCheckInAgain: () => void;
}

/** The patient said they are somewhere the visit cannot take place: why, and what to do. */
export function LocationRefused({ view, onCheckInAgain }: LocationRefusedProps) {
  const { t, i18n } = useTranslation();
  const answers = view.checkIn.answers;
  const place = answers ? locationName(t, answers.locationCountry, answers.locationRegion, i18n.language) : '';
  const places = placeList(t, view.checkIn.allowedRegions, i18n.language);
  return (
    <section className="vi-refused" aria-labelledby="refused-title">
      <div className="notice notice--error" role="alert">
        <h2 id="refused-title" className="notice__title">
          {t('visit.refused.title')}
        </h2>
        <div className="notice__body">
          <p>{t('visit.refused.why', { place, places, clinician: view.clinicianName })}</p>
          <p>{t('visit.refused.stored')}</p>
        </div>
      </div>
      <h3>{t('visit.refused.whatNow')}</h3>
      <ul className="plain-list vi-steps">
        <li>
          <Link className="button" to={`/appointments/${view.appointmentId}`}>
            {t('visit.refused.reschedule')}
          </Link>
        </li>
        <li>
          <p>{t('visit.refused.mistake')}</p>
          <button type="button" className="button button--secondary" onClick={onCheckInAgain}>
            {t('visit.refused.checkInAgain')}
          </button>
        </li>
        <li>
          <p>
            {t('visit.refused.call', { organization: view.organizationName })}{' '}
            <PhoneLink number={view.organizationPhone} />
          </p>
        </li>
      </ul>
    </section>
  );
}
