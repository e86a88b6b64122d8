import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { messageForError } from '../../../app/errors';
import { SelectField } from '../../../app/forms/Field';
import { useOrganizations } from '../../../app/queries';
import { useRequiredSession } from '../../../app/session/context';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useSchedulingSettings } from '../lib/queries';
import { HolidayForm } from './HolidayForm';
import { SettingsForm } from './SettingsForm';

/**
 * Admins set each organization's scheduling policy. Staff (who may reach this page from the
 * clinicians page) are told the policy is the admins', and can still add holidays.
 */
export function SchedulingSettingsPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const isAdmin = session.user.role === 'admin';
  const organizations = useOrganizations();
  const [params, setParams] = useSearchParams();
  const organizationId = params.get('organization') ?? session.user.organizationId ?? organizations.data?.[0]?.id ?? '';
  const settings = useSchedulingSettings(isAdmin ? organizationId : '');

  return (
    <>
      <PageTitle>{t('scheduleAdmin.settings.title')}</PageTitle>
      {isAdmin ? (
        <section className="section" aria-labelledby="policy-title">
          <h2 id="policy-title">{t('scheduleAdmin.settings.policyTitle')}</h2>
          <div className="filters sa-filters">
            <SelectField
              formId="settings-org"
              name="organization"
              label={t('fields.organization')}
              value={organizationId}
              onChange={(event) => setParams({ organization: event.target.value })}
            >
              {(organizations.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </div>
          {settings.isLoading ? <Loading /> : null}
          {settings.isError ? <ErrorMessage>{messageForError(t, settings.error)}</ErrorMessage> : null}
          {settings.data ? (
            <SettingsForm key={organizationId} organizationId={organizationId} settings={settings.data} />
          ) : null}
        </section>
      ) : (
        <Notice tone="warning" title={t('scheduleAdmin.settings.adminsOnlyTitle')}>
          {t('scheduleAdmin.settings.adminsOnly')}
        </Notice>
      )}
      <HolidayForm
        key={organizationId}
        organizationId={isAdmin ? organizationId : (session.user.organizationId ?? '')}
      />
    </>
  );
}
