import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicianCard } from '@portico/contracts';
import { useDirectoryLabels } from './labels';
import { formatDayAndTime, patientTimeZone } from './time';

/** One clinician in the results: photo, name, specialty, languages, visit types, next open time. */
export function ClinicianResult({ clinician, search }: { clinician: ClinicianCard; search: string }) {
  const { t, i18n } = useTranslation();
  const labels = useDirectoryLabels();
  const zone = patientTimeZone();
  const name = labels.clinician(clinician);
  const next = clinician.nextAvailableAt;
  return (
    <li className="fd-result">
      <img className="fd-photo" src={clinician.photoUrl} alt="" width={72} height={72} loading="lazy" />
      <div className="fd-result__body">
        <h3 className="fd-result__name">
          <Link to={`/find-a-doctor/${clinician.id}`} state={{ search }}>
            {name}
          </Link>
        </h3>
        <p className="fd-result__meta">
          {[clinician.specialty, clinician.organizationName].join(t('findDoctor.metaSeparator'))}
        </p>
        {clinician.clinicalAreas.length > 0 ? (
          <p className="fd-result__meta">
            {clinician.clinicalAreas.map((a) => a.name).join(t('findDoctor.listSeparator'))}
          </p>
        ) : null}
        <p className="fd-result__line">
          {t('findDoctor.card.languages', { languages: labels.languages(clinician.languages) })}
        </p>
        <ul className="tags" aria-label={t('findDoctor.card.visitModes')}>
          {clinician.visitModes.map((mode) => (
            <li key={mode} className="tag">
              {labels.mode(mode)}
            </li>
          ))}
          <li className={clinician.acceptingNewPatients ? 'tag tag--ok' : 'tag'}>
            {clinician.acceptingNewPatients ? t('findDoctor.card.newPatients') : t('findDoctor.card.noNewPatients')}
          </li>
          {clinician.selfScheduling ? null : <li className="tag">{t('findDoctor.card.byRequest')}</li>}
        </ul>
        <p className="fd-result__next">
          {next
            ? t('findDoctor.card.nextAvailable', { when: formatDayAndTime(next, i18n.language, zone) })
            : t('findDoctor.card.noneSoon')}
        </p>
      </div>
    </li>
  );
}
