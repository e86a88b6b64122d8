import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../app/forms/Field';
import { useServiceLines } from '../lib/queries';

interface ServiceLineSelectProps {
  formId: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}

/** One of the service lines (Cardiac, Oncology…) that clinicians and clinical areas belong to. */
export function ServiceLineSelect({ formId, value, onChange, error }: ServiceLineSelectProps) {
  const { t } = useTranslation();
  const lines = useServiceLines();
  return (
    <SelectField
      formId={formId}
      name="serviceLineCode"
      label={t('scheduleAdmin.clinicianForm.serviceLine')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      <option value="">{t('common.choose')}</option>
      {(lines.data ?? []).map((line) => (
        <option key={line.value} value={line.value}>
          {line.label}
        </option>
      ))}
    </SelectField>
  );
}
