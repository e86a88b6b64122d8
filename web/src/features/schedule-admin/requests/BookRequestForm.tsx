import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppointmentRequest, DecideRequestBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextAreaField } from '../../../app/forms/Field';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { schedulingFailure } from '../lib/problems';
import { saKeys, useManagedClinician } from '../lib/queries';
import { PanelButtons } from '../shared/PanelButtons';
import { SlotPicker } from '../shared/SlotPicker';
import { useSlotChoice } from '../shared/useSlotChoice';
import { VisitTypeSelect } from '../shared/VisitTypeSelect';
import { useFocusOnMount } from '../shared/useFocusOnMount';

const FIELDS = ['visitTypeId', 'start', 'message'] as const;
type Field = (typeof FIELDS)[number];

interface BookRequestFormProps {
  request: AppointmentRequest;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** Turns a request into a booking: visit type, an open time, and an optional note to the patient. */
export function BookRequestForm({ request: r, onDone, onClose }: BookRequestFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const formId = `book-request-${r.id}`;
  const clinician = useManagedClinician(r.clinicianId);
  const visitTypes = (clinician.data?.visitTypes ?? []).filter((v) => v.active);
  const [visitTypeId, setVisitTypeId] = useState(r.visitTypeId ?? '');
  const [message, setMessage] = useState('');
  const slot = useSlotChoice();
  const { start, setStart, offered } = slot;
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const decide = useMutation({
    mutationFn: (body: DecideRequestBody) =>
      api.post<AppointmentRequest>(`/api/appointment-requests/${encodeURIComponent(r.id)}/decision`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['schedule-admin', 'requests'] });
      void queryClient.invalidateQueries({ queryKey: saKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      onDone(t('scheduleAdmin.requests.bookedDone', { name: r.patientName }));
    },
    onError: (error) => {
      const { fields, general } = schedulingFailure<Field>(t, error, FIELDS);
      slot.refused(error);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    if (visitTypeId === '') return fail({ visitTypeId: t('scheduleAdmin.book.visitTypeRequired') });
    if (start === '') return fail({ start: t('scheduleAdmin.book.startRequired') });
    clear();
    const text = message.trim();
    decide.mutate({ decision: 'book', visitTypeId, start, ...(text ? { message: text } : {}) });
  };

  return (
    <div className="panel sa-panel">
      <h4 ref={heading} tabIndex={-1} className="sa-panel__title">
        {t('scheduleAdmin.requests.bookTitle', { name: r.patientName })}
      </h4>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <VisitTypeSelect
          formId={formId}
          visitTypes={visitTypes}
          value={visitTypeId}
          onChange={(id) => {
            setVisitTypeId(id);
            slot.reset();
          }}
          error={errors.fields.visitTypeId}
        />
        <SlotPicker
          key={visitTypeId}
          formId={formId}
          clinicianId={r.clinicianId}
          visitTypeId={visitTypeId}
          value={start}
          onChange={setStart}
          offered={offered}
          error={errors.fields.start}
        />
        <TextAreaField
          formId={formId}
          name="message"
          label={t('scheduleAdmin.requests.noteOptional')}
          hint={t('scheduleAdmin.requests.noteHint')}
          maxLength={1000}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          error={errors.fields.message}
        />
        <PanelButtons submit={t('scheduleAdmin.requests.bookSubmit')} pending={decide.isPending} onClose={onClose} />
      </form>
    </div>
  );
}
