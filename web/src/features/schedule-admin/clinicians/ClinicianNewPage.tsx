import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../../app/session/context';
import { PageTitle } from '../../../app/ui/PageTitle';
import { ClinicianForm } from './ClinicianForm';
import { emptyValues } from './clinicianValues';

/** Adds a clinician; their hours and visit types are set on the next page. */
export function ClinicianNewPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle>{t('scheduleAdmin.clinicians.add')}</PageTitle>
      <p className="lede">{t('scheduleAdmin.clinicians.addIntro')}</p>
      <ClinicianForm
        initial={emptyValues(session.user.role === 'admin' ? '' : (session.user.organizationId ?? ''))}
        onSaved={(c) => navigate(`/admin/clinicians/${c.id}`, { state: { created: true } })}
      />
    </>
  );
}
