import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/session/context';
import { PageTitle } from '../../app/ui/PageTitle';
import { HoursCard } from './HoursCard';
import { RegistrationForm } from './RegistrationForm';

/** Staff register a new patient from a call; a possible duplicate goes to review instead. */
export function StaffRegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useRequiredSession();
  const orgId = session.user.organizationId;
  return (
    <div className="narrow">
      <PageTitle>{t('registration.staff.title')}</PageTitle>
      <p className="lede">{t('registration.staff.intro')}</p>
      <RegistrationForm
        staff
        formId="staff-register"
        submitLabel={t('registration.staff.submit')}
        onDone={(result) => {
          if (result.patientId) void navigate(`/patients/${result.patientId}`, { state: { created: true } });
          else void navigate(`/registrations/${result.id}`, { state: { duplicate: true } });
        }}
      />
      {orgId ? <HoursCard orgId={orgId} kind="registration" /> : null}
    </div>
  );
}
