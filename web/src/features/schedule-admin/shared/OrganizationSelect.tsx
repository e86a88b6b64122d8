import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../app/forms/Field';
import { useOrganizations } from '../../../app/queries';
import { useRequiredSession } from '../../../app/session/context';

interface OrganizationSelectProps {
  formId: string;
  value: string;
  onChange: (organizationId: string) => void;
  error?: string | undefined;
}

/** The organization a schedule record belongs to: admins choose any, staff only their own. */
export function OrganizationSelect({ formId, value, onChange, error }: OrganizationSelectProps) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const organizations = useOrganizations();
  const orgs = (organizations.data ?? []).filter(
    (o) => session.user.role === 'admin' || o.id === session.user.organizationId,
  );
  return (
    <SelectField
      formId={formId}
      name="organizationId"
      label={t('fields.organization')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      <option value="">{t('common.choose')}</option>
      {orgs.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}
