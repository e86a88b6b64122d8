import { useTranslation } from 'react-i18next';
import type { CheckInAnswers } from '@portico/contracts';
import { languageName } from '../../../app/ui/format';
import { locationName } from '../placeNames';
import { formatTime } from '../VisitWhen';

/** What the patient said at check-in, for the clinician (inside a <details>). */
export function CheckInAnswersView({ answers }: { answers: CheckInAnswers }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const yesNo = (value: boolean) => (value ? t('visit.queue.answers.yes') : t('visit.queue.answers.no'));
  return (
    <dl className="details vi-answers">
      <div>
        <dt>{t('visit.queue.answers.where')}</dt>
        <dd>
          {locationName(t, answers.locationCountry, answers.locationRegion, locale)}
          {answers.locationAllowed ? null : (
            <strong className="vi-bad"> · {t('visit.queue.answers.notAllowed')}</strong>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.phone')}</dt>
        <dd>{answers.contactPhone}</dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.questions')}</dt>
        <dd className="vi-prewrap">{answers.questions || t('common.notGiven')}</dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.medications')}</dt>
        <dd>{yesNo(answers.medicationsConfirmed)}</dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.insurance')}</dt>
        <dd>{yesNo(answers.insuranceConfirmed)}</dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.interpreter')}</dt>
        <dd>
          {answers.interpreterLanguage
            ? languageName(answers.interpreterLanguage, locale)
            : t('visit.queue.answers.noInterpreter')}
        </dd>
      </div>
      <div>
        <dt>{t('visit.queue.answers.at')}</dt>
        <dd>{formatTime(answers.checkedInAt, locale)}</dd>
      </div>
    </dl>
  );
}
