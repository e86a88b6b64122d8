import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicianDetail } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { formatList, languageName } from '../../../app/ui/format';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { PATIENT_LANGUAGES } from '../../staff';
import { useManagedClinician } from '../lib/queries';
import { ScheduleEditor } from '../schedule/ScheduleEditor';
import { ClinicianForm } from './ClinicianForm';
import { valuesFrom } from './clinicianValues';
import { LiveNotice } from '../shared/LiveNotice';

function createdFlag(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

/** One clinician: the profile (folded until needed) and the schedule editor. */
export function ClinicianEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const clinician = useManagedClinician(id);
  if (clinician.isLoading) return <Loading />;
  if (!clinician.data) {
    return (
      <>
        <PageTitle>{t('scheduleAdmin.clinicians.notFound')}</PageTitle>
        <ErrorMessage>{messageForError(t, clinician.error)}</ErrorMessage>
        <p>
          <Link to="/admin/clinicians">{t('scheduleAdmin.clinicians.back')}</Link>
        </p>
      </>
    );
  }
  return <Editor clinician={clinician.data} created={createdFlag(location.state)} />;
}

function Editor({ clinician: c, created }: { clinician: ClinicianDetail; created: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const name = `${c.givenName} ${c.familyName}${c.credentials ? `, ${c.credentials}` : ''}`;

  return (
    <>
      <p className="sa-breadcrumb">
        <Link to="/admin/clinicians">{t('scheduleAdmin.clinicians.back')}</Link>
      </p>
      <PageTitle
        after={c.active ? null : <span className="tag sa-title-tag">{t('scheduleAdmin.clinicians.inactive')}</span>}
      >
        {name}
      </PageTitle>
      {created ? <Notice tone="success">{t('scheduleAdmin.clinicians.created')}</Notice> : null}
      <nav aria-label={t('scheduleAdmin.clinicians.onThisPage')}>
        <ul className="sa-links sa-links--quiet">
          <li>
            <a href="#profile-title">{t('scheduleAdmin.clinicians.profile')}</a>
          </li>
          <li>
            <a href="#weekly-title">{t('scheduleAdmin.weekly.title')}</a>
          </li>
          <li>
            <a href="#exceptions-title">{t('scheduleAdmin.exceptions.title')}</a>
          </li>
          <li>
            <a href="#visit-types-title">{t('scheduleAdmin.visitTypes.title')}</a>
          </li>
        </ul>
      </nav>
      <section className="section" aria-labelledby="profile-title">
        <h2 id="profile-title" tabIndex={-1}>
          {t('scheduleAdmin.clinicians.profile')}
        </h2>
        <LiveNotice message={saved ? t('scheduleAdmin.clinicians.saved') : ''} />
        <dl className="details">
          <div>
            <dt>{t('scheduleAdmin.clinicians.specialty')}</dt>
            <dd>
              {c.specialty} · {c.serviceLineName} · {c.organizationName}
            </dd>
          </div>
          <div>
            <dt>{t('scheduleAdmin.clinicianForm.languages')}</dt>
            <dd>
              {formatList(
                c.languages.map((l) => languageName(l, i18n.language)),
                i18n.language,
              )}
            </dd>
          </div>
          <div>
            <dt>{t('scheduleAdmin.clinicians.visits')}</dt>
            <dd>
              {formatList(
                c.visitModes.map((m) => t(`scheduleAdmin.modes.${m}`)),
                i18n.language,
              )}
            </dd>
          </div>
          <div>
            <dt>{t('scheduleAdmin.clinicianForm.licensedStates')}</dt>
            <dd>{formatList(c.licensedStates, i18n.language, 'unit') || t('common.notGiven')}</dd>
          </div>
        </dl>
        <button
          ref={toggle}
          type="button"
          className="button button--secondary"
          aria-expanded={editing}
          aria-controls="profile-panel"
          onClick={() => {
            setEditing((open) => !open);
            setSaved(false);
          }}
        >
          {t('scheduleAdmin.clinicians.editProfile')}
        </button>
        <div id="profile-panel" className="panel" hidden={!editing}>
          {editing ? (
            <ClinicianForm
              clinicianId={c.id}
              initial={valuesFrom(c, PATIENT_LANGUAGES)}
              onSaved={() => {
                setEditing(false);
                setSaved(true);
                toggle.current?.focus();
              }}
            />
          ) : null}
        </div>
      </section>
      <ScheduleEditor clinicianId={c.id} visitModes={c.visitModes} />
    </>
  );
}
