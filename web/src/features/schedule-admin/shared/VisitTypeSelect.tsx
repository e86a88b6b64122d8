import { useTranslation } from 'react-i18next';
import type { VisitType } from '@portico/contracts';
import { SelectField } from '../../../app/forms/Field';

interface VisitTypeSelectProps {
  formId: string;
  visitTypes: readonly VisitType[];
  value: string;
  onChange: (visitTypeId: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

/** The visit type of a booking, each offered with its mode and length. */
export function VisitTypeSelect({ formId, visitTypes, value, onChange, hint, error }: VisitTypeSelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField
      formId={formId}
      name="visitTypeId"
      label={t('scheduleAdmin.book.visitType')}
      hint={hint}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      <option value="">{t('common.choose')}</option>
      {visitTypes.map((v) => (
        <option key={v.id} value={v.id}>
          {t('scheduleAdmin.visitTypes.option', {
            name: v.name,
            mode: t(`scheduleAdmin.modes.${v.mode}`),
            minutes: v.durationMinutes,
          })}
        </option>
      ))}
    </SelectField>
  );
}
