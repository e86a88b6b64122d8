import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment, BookBody, Patient } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextAreaField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { newIdempotencyKey, schedulingFailure } from '../lib/problems';
import { saKeys, useManagedClinician } from '../lib/queries';
import { ClinicianSelect } from '../shared/ClinicianSelect';
import { SlotPicker } from '../shared/SlotPicker';
import { useSlotChoice } from '../shared/useSlotChoice';
import { VisitTypeSelect } from '../shared/VisitTypeSelect';
import { PatientPicker } from './PatientPicker';

const FORM = 'book-visit';
const FIELDS = ['patientId', 'clinicianId', 'visitTypeId', 'start', 'reason'] as const;
type Field = (typeof FIELDS)[number];

interface BookFormProps {
  initialClinicianId: string;
  initialDate: string;
  onBooked: (appointment: Appointment) => void;
}

/** Staff book a visit for a patient of their organization: patient, clinician, visit type, open time. */
export function BookForm({ initialClinicianId, initialDate, onBooked }: BookFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [patient, setPatient] = useState<Patient | null>(null);
  const [clinicianId, setClinicianId] = useState(initialClinicianId);
  const [visitTypeId, setVisitTypeId] = useState('');
  const [reason, setReason] = useState('');
  const slot = useSlotChoice();
  const { start, setStart, offered } = slot;
  const { errors, fail, clear } = useFormErrors(FIELDS);
  // One key per booking attempt: a retry of the same booking (double press, flaky network)
  // sends the same key and gets the first answer back; a changed booking gets a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const clinician = useManagedClinician(clinicianId);
  const visitTypes = (clinician.data?.visitTypes ?? []).filter((v) => v.active);

  const book = useMutation({
    mutationFn: ({ body, key }: { body: BookBody; key: string }) =>
      api.post<Appointment>('/api/appointments', body, { headers: { 'Idempotency-Key': key } }),
    onSuccess: (appointment) => {
      attempt.current = null;
      void queryClient.invalidateQueries({ queryKey: saKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      onBooked(appointment);
    },
    onError: (error) => {
      const { fields, general } = schedulingFailure<Field>(t, error, FIELDS);
      slot.refused(error);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (book.isPending) return;
    const problems: Partial<Record<Field, string>> = {};
    if (!patient) problems.patientId = t('scheduleAdmin.book.patientRequired');
    if (clinicianId === '') problems.clinicianId = t('scheduleAdmin.book.clinicianRequired');
    else if (visitTypeId === '') problems.visitTypeId = t('scheduleAdmin.book.visitTypeRequired');
    else if (start === '') problems.start = t('scheduleAdmin.book.startRequired');
    if (!patient || Object.keys(problems).length > 0) return fail(problems);
    clear();
    const body: BookBody = { patientId: patient.id, clinicianId, visitTypeId, start };
    if (reason.trim()) body.reason = reason.trim();
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    book.mutate({ body, key: attempt.current.key });
  };

  const chooseClinician = (id: string) => {
    setClinicianId(id);
    setVisitTypeId('');
    slot.reset();
  };

  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <PatientPicker formId={FORM} value={patient} onChange={setPatient} error={errors.fields.patientId} />
        <ClinicianSelect
          formId={FORM}
          value={clinicianId}
          onChange={chooseClinician}
          error={errors.fields.clinicianId}
        />
        {clinicianId !== '' ? (
          <VisitTypeSelect
            formId={FORM}
            visitTypes={visitTypes}
            hint={clinician.data && visitTypes.length === 0 ? t('scheduleAdmin.book.noVisitTypes') : undefined}
            value={visitTypeId}
            onChange={(id) => {
              setVisitTypeId(id);
              slot.reset();
            }}
            error={errors.fields.visitTypeId}
          />
        ) : null}
        <SlotPicker
          key={`${clinicianId}-${visitTypeId}`}
          formId={FORM}
          clinicianId={clinicianId}
          visitTypeId={visitTypeId}
          initialDate={initialDate}
          value={start}
          onChange={setStart}
          offered={offered}
          error={errors.fields.start}
        />
        <TextAreaField
          formId={FORM}
          name="reason"
          label={t('scheduleAdmin.book.reason')}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.fields.reason}
        />
        <SubmitButton pending={book.isPending}>{t('scheduleAdmin.book.submit')}</SubmitButton>
      </form>
    </>
  );
}
