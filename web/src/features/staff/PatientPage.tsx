import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMrn } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { useShowOpenRecord } from '../../app/layout/OpenRecord';
import { usePatient } from '../../app/queries';
import { useRequiredSession } from '../../app/session/context';
import { REGISTRAR_ROLES, hasRole } from '../../app/session/roles';
import { formatDate, languageName } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { ActivationCodePanel } from './ActivationCodePanel';

function wasJustCreated(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

export function PatientPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useRequiredSession();
  const created = wasJustCreated(useLocation().state);
  const { data: patient, error, isLoading } = usePatient(id);
  useShowOpenRecord(patient ? `${patient.givenName} ${patient.familyName}` : null);

  if (isLoading) {
    return (
      <>
        <PageTitle>{t('staff.patient.title')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (!patient) {
    const notFound = isApiError(error) && (error.status === 404 || error.status === 400);
    return (
      <>
        <PageTitle>{t(notFound ? 'staff.patient.notFound' : 'staff.patient.title')}</PageTitle>
        {notFound ? <p>{t('staff.patient.notFoundText')}</p> : <ErrorMessage>{messageForError(t, error)}</ErrorMessage>}
        <p>
          <Link to="/patients">{t('nav.findPatient')}</Link>
        </p>
      </>
    );
  }

  const none = t('common.notGiven');
  return (
    <>
      <PageTitle>{`${patient.givenName} ${patient.familyName}`}</PageTitle>
      {created ? <Notice tone="success">{t('staff.patient.created')}</Notice> : null}
      <dl className="details">
        <div>
          <dt>{t('registration.mrn.label')}</dt>
          <dd translate="no">{formatMrn(patient.mrn)}</dd>
        </div>
        <div>
          <dt>{t('fields.birthDate')}</dt>
          <dd>{formatDate(patient.birthDate, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('staff.patient.emailLabel')}</dt>
          <dd>{patient.email ?? none}</dd>
        </div>
        <div>
          <dt>{t('staff.patient.phoneLabel')}</dt>
          <dd>{patient.phone ?? none}</dd>
        </div>
        <div>
          <dt>{t('fields.preferredLanguage')}</dt>
          <dd>{languageName(patient.preferredLanguage, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('staff.patient.accountLabel')}</dt>
          <dd>{patient.hasAccount ? t('staff.patient.hasAccount') : t('staff.patient.noAccount')}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/patients/${patient.id}/results`}>{t('results.care.patientLink')}</Link>
      </p>
      {hasRole(session.user.role, REGISTRAR_ROLES) ? (
        <p>
          <Link to={`/patients/${patient.id}/billing`}>{t('billing.office.link')}</Link>
        </p>
      ) : null}
      {hasRole(session.user.role, REGISTRAR_ROLES) ? <ActivationCodePanel patient={patient} /> : null}
    </>
  );
}
