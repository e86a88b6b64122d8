import { formatMrn } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../../app/queries';
import './registration.css';

/** The patient's medical record number with a line on what it is for (profile page). */
export function MrnCard({ patientId }: { patientId: string | null }) {
  const { t } = useTranslation();
  const { data } = usePatient(patientId);
  if (!data) return null;
  return (
    <section className="section" aria-labelledby="mrn-title">
      <h2 id="mrn-title">{t('registration.mrn.label')}</h2>
      <p className="mrn" translate="no">
        MRN {formatMrn(data.mrn)}
      </p>
      <p className="hint">{t('registration.mrn.explain')}</p>
    </section>
  );
}
