import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BookBody, ClinicianDetail } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { isUuid } from '../../app/forms/validators';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import {
  useClinician,
  useSlots,
  useDirectoryLabels,
  addDays,
  dayKey,
  formatMoment,
  patientTimeZone,
  zonesDiffer,
  useFocusHeadingWhenReady,
} from '../find-doctor';
import { useBook } from './api';
import { problemCode, schedulingMessage } from './bookingErrors';
import { IdempotencyKeys } from './idempotency';
import { TakenAlternatives } from './TakenAlternatives';
import './appointments.css';
import { TextAreaField } from '../../app/forms/Field';
import { InterpreterQuestion } from '../../app/forms/InterpreterQuestion';
import { likelyInterpreterLanguages } from '../../app/i18n/languageNames';

const FORM = 'book';
const FIELDS = ['reason'] as const;

/** /appointments/book?clinician=&visitType=&start= — the last step before a visit is booked. */
export function BookPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const clinicianId = params.get('clinician') ?? '';
  const visitTypeId = params.get('visitType') ?? '';
  const start = params.get('start') ?? '';
  if (!isUuid(clinicianId) || !isUuid(visitTypeId) || !Number.isFinite(Date.parse(start))) {
    return (
      <>
        <PageTitle>{t('appointments.book.title')}</PageTitle>
        <ErrorMessage>{t('appointments.book.badLink')}</ErrorMessage>
        <p>
          <Link to="/find-a-doctor">{t('appointments.book.chooseTime')}</Link>
        </p>
      </>
    );
  }
  return <BookConfirm clinicianId={clinicianId} visitTypeId={visitTypeId} start={start} />;
}

function BookConfirm({ clinicianId, visitTypeId, start }: { clinicianId: string; visitTypeId: string; start: string }) {
  const { t } = useTranslation();
  const clinician = useClinician(clinicianId);
  const visitType = clinician.data?.visitTypes.find((v) => v.id === visitTypeId && v.active);
  useFocusHeadingWhenReady(!clinician.isLoading);

  if (clinician.isLoading) return <Loading />;
  if (clinician.isError || !clinician.data || !visitType) {
    const gone = !clinician.isError || (isApiError(clinician.error) && clinician.error.status === 404);
    return (
      <>
        <PageTitle>{t('appointments.book.title')}</PageTitle>
        <ErrorMessage>{gone ? t('appointments.book.clinicianGone') : messageForError(t, clinician.error)}</ErrorMessage>
        <p>
          <Link to="/find-a-doctor">{t('appointments.book.chooseTime')}</Link>
        </p>
      </>
    );
  }
  return <BookForm clinician={clinician.data} visitTypeId={visitTypeId} start={start} />;
}

interface TakenState {
  message: string;
  nextSlots: readonly string[];
  attempt: number;
}

function BookForm({
  clinician,
  visitTypeId,
  start,
}: {
  clinician: ClinicianDetail;
  visitTypeId: string;
  start: string;
}) {
  const { t, i18n } = useTranslation();
  const labels = useDirectoryLabels();
  const navigate = useNavigate();
  const [, setParams] = useSearchParams();
  const [reason, setReason] = useState('');
  const [interpreter, setInterpreter] = useState<string | null>(null);
  const [keys] = useState(() => new IdempotencyKeys());
  const [taken, setTaken] = useState<TakenState | null>(null);
  const [failedCode, setFailedCode] = useState<string | null>(null);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const book = useBook((appointment) => {
    // Replace this step: Back from the new visit must not offer to book it again.
    void navigate(`/appointments/${appointment.id}`, { replace: true, state: { notice: 'booked' } });
  });
  const zone = patientTimeZone();
  const visitType = clinician.visitTypes.find((v) => v.id === visitTypeId);
  // The open times around this one: the clinic's time zone, and whether the time is still free.
  const around = useSlots(clinician.id, visitTypeId, addDays(dayKey(start, 'UTC'), -1), 3);
  const clinicZone = around.data?.timeZone ?? null;
  const stillOpen = around.data ? around.data.slots.some((s) => Date.parse(s.start) === Date.parse(start)) : true;
  const changeTimePath = `/find-a-doctor/${clinician.id}?${new URLSearchParams({ visitType: visitTypeId }).toString()}`;

  const submit = (startAt: string) => {
    if (book.isPending) return;
    const body: BookBody = { clinicianId: clinician.id, visitTypeId, start: startAt };
    const trimmed = reason.trim();
    if (trimmed) body.reason = trimmed;
    if (interpreter) body.interpreterLanguage = interpreter;
    clear();
    setFailedCode(null);
    book.mutate(
      { body, idempotencyKey: keys.for(body) },
      {
        onError: (error) => {
          const code = problemCode(error);
          if (code === 'slot_taken' && isApiError(error)) {
            setTaken((prev) => ({
              message: schedulingMessage(t, error),
              nextSlots: error.nextSlots,
              attempt: (prev?.attempt ?? 0) + 1,
            }));
            return;
          }
          setTaken(null);
          setFailedCode(code);
          if (code === 'validation_failed') failWith(error);
          else fail({}, [schedulingMessage(t, error)]);
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(start);
  };

  const chooseAlternative = (alternative: string) => {
    setParams({ clinician: clinician.id, visitType: visitTypeId, start: alternative }, { replace: true });
    submit(alternative);
  };

  const clinicMoment =
    clinicZone && zonesDiffer(start, zone, clinicZone) ? formatMoment(start, i18n.language, clinicZone) : null;

  return (
    <div className="narrow-wide">
      <PageTitle>{t('appointments.book.title')}</PageTitle>
      <p className="lede">{t('appointments.book.intro')}</p>
      {!stillOpen && !taken ? <Notice tone="warning">{t('appointments.book.mayBeTaken')}</Notice> : null}
      <dl className="details">
        <div>
          <dt>{t('appointments.book.clinician')}</dt>
          <dd className="ap-who">
            <img className="ap-photo" src={clinician.photoUrl} alt="" width={48} height={48} />
            <span>
              <span className="block">{labels.clinician(clinician)}</span>
              <span className="block hint">
                {[clinician.specialty, clinician.organizationName].join(t('findDoctor.metaSeparator'))}
              </span>
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('appointments.book.visit')}</dt>
          <dd>
            {visitType
              ? t('appointments.book.visitValue', {
                  visitType: visitType.name,
                  mode: labels.mode(visitType.mode),
                  minutes: visitType.durationMinutes,
                })
              : null}
          </dd>
        </div>
        <div>
          <dt>{t('appointments.book.when')}</dt>
          <dd>
            <span className="block ap-when">
              {t('appointments.detail.yourTime', { time: formatMoment(start, i18n.language, zone) })}
            </span>
            {clinicMoment ? (
              <span className="block hint">{t('appointments.detail.clinicTime', { time: clinicMoment })}</span>
            ) : null}
          </dd>
        </div>
        {visitType && visitType.mode !== 'in_person' && clinician.licensedStates.length > 0 ? (
          <div>
            <dt>{t('appointments.book.where')}</dt>
            <dd>{t('appointments.book.whereValue', { states: labels.states(clinician.licensedStates) })}</dd>
          </div>
        ) : null}
      </dl>
      {taken ? (
        <TakenAlternatives
          message={taken.message}
          nextSlots={taken.nextSlots}
          clinicZone={clinicZone}
          attempt={taken.attempt}
          actionLabel={(when) => t('appointments.book.bookInstead', { when })}
          onChoose={chooseAlternative}
        />
      ) : null}
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      {failedCode === 'conflict' ? (
        <p>
          <Link to="/appointments">{t('appointments.book.overlap')}</Link>
        </p>
      ) : null}
      {failedCode === 'self_scheduling_unavailable' ? (
        <p>
          <Link to={`/find-a-doctor/${clinician.id}`}>{t('appointments.book.requestInstead')}</Link>
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={FORM}
          name="reason"
          label={t('appointments.book.reason')}
          hint={t('appointments.book.reasonHint')}
          maxLength={1000}
          rows={4}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.fields.reason}
        />
        <InterpreterQuestion
          formId={FORM}
          value={interpreter}
          onChange={setInterpreter}
          likely={likelyInterpreterLanguages(i18n.language)}
        />
        <div className="button-row">
          <SubmitButton pending={book.isPending}>{t('appointments.book.submit')}</SubmitButton>
          <Link className="button button--secondary" to={changeTimePath}>
            {t('appointments.book.different')}
          </Link>
        </div>
      </form>
    </div>
  );
}
