import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClinicianCard } from '@portico/contracts';
import { SelectField, TextField } from '../../../app/forms/Field';
import { useRequiredSession } from '../../../app/session/context';
import { useManagedClinician, useManagedClinicians } from '../lib/queries';

interface ClinicianSelectProps {
  formId: string;
  value: string;
  onChange: (id: string) => void;
  /** Offer "All clinicians" (the day view's filter) instead of "Choose…". */
  allowAll?: boolean;
  error?: string | undefined;
}

function optionLabel(c: ClinicianCard, showOrg: boolean, inactive: string): string {
  const name = `${c.familyName}, ${c.givenName}${c.credentials ? `, ${c.credentials}` : ''}`;
  return [name, c.specialty, showOrg ? c.organizationName : ''].filter(Boolean).join(' — ') + inactive;
}

/**
 * Picks one clinician: a search box narrows the list (organizations have hundreds), the
 * select makes the choice. Staff see their organization's clinicians, admins everyone's.
 */
export function ClinicianSelect({ formId, value, onChange, allowAll = false, error }: ClinicianSelectProps) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const list = useManagedClinicians(q);
  const found = list.data?.clinicians ?? [];
  const missing = value !== '' && !found.some((c) => c.id === value);
  const current = useManagedClinician(missing ? value : '');
  const options = missing && current.data ? [current.data, ...found] : found;
  const showOrg = session.user.role === 'admin';
  const total = list.data?.total ?? 0;

  return (
    <div className="sa-picker">
      <TextField
        formId={formId}
        name="clinicianSearch"
        label={t('scheduleAdmin.clinicianSelect.search')}
        hint={
          list.data
            ? total > found.length
              ? t('scheduleAdmin.clinicianSelect.many', { shown: found.length, total })
              : t('scheduleAdmin.clinicianSelect.count', { count: total })
            : undefined
        }
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SelectField
        formId={formId}
        name="clinicianId"
        label={t('scheduleAdmin.clinicianSelect.label')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      >
        <option value="">{allowAll ? t('scheduleAdmin.clinicianSelect.all') : t('common.choose')}</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {optionLabel(c, showOrg, 'active' in c && !c.active ? ` (${t('scheduleAdmin.clinicians.inactive')})` : '')}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
