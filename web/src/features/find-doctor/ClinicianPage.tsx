import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicianDetail, Slot } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { useSession } from '../../app/session/context';
import { signInHref } from '../../app/session/returnPath';
import { hasRole, PATIENT_ROLES } from '../../app/session/roles';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useClinician } from './api';
import { useFocusHeadingWhenReady } from './useFocusHeading';
import { useDirectoryLabels } from './labels';
import { RequestForm } from './RequestForm';
import { SlotPicker } from './SlotPicker';
import './findDoctor.css';

/** Where the booking confirmation lives (inside sign-in, for patients and proxies). */
export function bookingPath(clinicianId: string, visitTypeId: string, start: string): string {
  const params = new URLSearchParams({ clinician: clinicianId, visitType: visitTypeId, start });
  return `/appointments/book?${params.toString()}`;
}

function backSearch(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('search' in state)) return null;
  return typeof state.search === 'string' ? state.search : null;
}

/** A clinician's public page: who they are, and open times to book (or a request form). */
export function ClinicianPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const clinician = useClinician(id);
  const search = backSearch(location.state);
  useFocusHeadingWhenReady(!clinician.isLoading);

  return (
    <>
      <p className="fd-back">
        {search !== null ? (
          <Link to={{ pathname: '/find-a-doctor', search }}>{t('findDoctor.clinician.back')}</Link>
        ) : (
          <Link to="/find-a-doctor">{t('findDoctor.clinician.backToSearch')}</Link>
        )}
      </p>
      {clinician.isLoading ? <Loading /> : null}
      {clinician.isError ? (
        <>
          <PageTitle>{t('findDoctor.title')}</PageTitle>
          <ErrorMessage>
            {isApiError(clinician.error) && clinician.error.status === 404
              ? t('findDoctor.clinician.notFound')
              : messageForError(t, clinician.error)}
          </ErrorMessage>
        </>
      ) : null}
      {clinician.data ? <ClinicianProfile clinician={clinician.data} /> : null}
    </>
  );
}

function ClinicianProfile({ clinician }: { clinician: ClinicianDetail }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const name = labels.clinician(clinician);
  return (
    <>
      <div className="fd-profile">
        <img className="fd-photo fd-photo--large" src={clinician.photoUrl} alt="" width={96} height={96} />
        <div>
          <PageTitle>{name}</PageTitle>
          <p className="lede fd-profile__meta">
            {[clinician.specialty, clinician.organizationName].join(t('findDoctor.metaSeparator'))}
          </p>
        </div>
      </div>
      {clinician.bio ? (
        <section aria-labelledby="fd-about">
          <h2 id="fd-about">{t('findDoctor.clinician.about')}</h2>
          <p>{clinician.bio}</p>
        </section>
      ) : null}
      <dl className="details">
        <div>
          <dt>{t('findDoctor.clinician.languages')}</dt>
          <dd>{labels.languages(clinician.languages)}</dd>
        </div>
        <div>
          <dt>{t('findDoctor.clinician.licensed')}</dt>
          <dd>
            {labels.states(clinician.licensedStates)}
            <span className="block hint">{t('findDoctor.clinician.licensedHint')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('findDoctor.clinician.visitModes')}</dt>
          <dd>{labels.modes(clinician.visitModes)}</dd>
        </div>
        {clinician.clinicalAreas.length > 0 ? (
          <div>
            <dt>{t('findDoctor.clinician.clinicalAreas')}</dt>
            <dd>{clinician.clinicalAreas.map((a) => a.name).join(t('findDoctor.listSeparator'))}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('findDoctor.clinician.newPatients')}</dt>
          <dd>{clinician.acceptingNewPatients ? t('findDoctor.clinician.yes') : t('findDoctor.clinician.no')}</dd>
        </div>
      </dl>
      {clinician.selfScheduling ? (
        <BookSection clinician={clinician} />
      ) : (
        <RequestForm clinician={clinician} name={name} />
      )}
    </>
  );
}

function BookSection({ clinician }: { clinician: ClinicianDetail }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [staffNotice, setStaffNotice] = useState(false);
  const types = clinician.visitTypes.filter((v) => v.active && clinician.visitModes.includes(v.mode));
  const only = types.length === 1 ? types[0] : undefined;
  // The choice shows at once; the address follows (it can lag a render behind, and a controlled
  // radio must not flick back meanwhile). Back and Forward bring the address's choice back.
  const urlType = params.get('visitType') ?? '';
  const [choice, setChoice] = useState(urlType);
  const [seenUrlType, setSeenUrlType] = useState(urlType);
  if (seenUrlType !== urlType) {
    setSeenUrlType(urlType);
    setChoice(urlType);
  }
  const visitTypeId = types.find((v) => v.id === choice)?.id ?? only?.id ?? '';
  const from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') ?? '') ? (params.get('from') ?? '') : '';

  const update = (next: { visitType?: string; from?: string }) => {
    const merged = new URLSearchParams(params);
    if (next.visitType !== undefined) merged.set('visitType', next.visitType);
    if (next.from !== undefined) {
      if (next.from) merged.set('from', next.from);
      else merged.delete('from');
    }
    // Choices on this page replace the entry: Back still returns to the search results.
    setParams(merged, { replace: true, state: location.state });
  };

  const pick = (slot: Slot) => {
    const path = bookingPath(clinician.id, visitTypeId, slot.start);
    if (!session) {
      void navigate(signInHref(path));
      return;
    }
    if (!hasRole(session.user.role, PATIENT_ROLES)) {
      setStaffNotice(true);
      return;
    }
    void navigate(path);
  };

  return (
    <section className="section" aria-labelledby="fd-book-title">
      <h2 id="fd-book-title">{t('findDoctor.book.title')}</h2>
      {clinician.acceptingNewPatients ? null : <Notice>{t('findDoctor.book.notAccepting')}</Notice>}
      {types.length === 0 ? (
        <Notice>{t('findDoctor.book.noVisitTypes')}</Notice>
      ) : (
        <fieldset className="fd-types">
          <legend className="field__label">{t('findDoctor.book.visitTypeLegend')}</legend>
          {types.map((type) => {
            const inputId = `fd-type-${type.id}`;
            return (
              <div key={type.id} className="fd-type">
                <input
                  type="radio"
                  id={inputId}
                  name="visitType"
                  className="fd-type__input"
                  value={type.id}
                  checked={visitTypeId === type.id}
                  onChange={() => {
                    setChoice(type.id);
                    update({ visitType: type.id, from: '' });
                  }}
                />
                <label htmlFor={inputId} className="fd-type__label">
                  <span className="fd-type__name">{type.name}</span>
                  <span className="fd-type__text">
                    {t('findDoctor.book.visitTypeText', {
                      mode: labels.mode(type.mode),
                      minutes: type.durationMinutes,
                    })}
                    {type.newPatient ? `${t('findDoctor.metaSeparator')}${t('findDoctor.book.forNewPatients')}` : ''}
                  </span>
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
      {visitTypeId ? (
        <section aria-labelledby="fd-slots-title">
          <h3 id="fd-slots-title">{t('findDoctor.slots.title')}</h3>
          {session ? null : <Notice>{t('findDoctor.book.signInFirst')}</Notice>}
          {staffNotice ? <Notice tone="warning">{t('findDoctor.book.staffCannotBook')}</Notice> : null}
          <SlotPicker
            clinicianId={clinician.id}
            visitTypeId={visitTypeId}
            from={from}
            onFromChange={(next) => update({ from: next })}
            onPick={pick}
            firstOpenAt={clinician.nextAvailableAt}
            headingLevel={4}
          />
        </section>
      ) : null}
    </section>
  );
}
