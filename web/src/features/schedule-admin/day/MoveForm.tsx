import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment, RescheduleBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { schedulingFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { dateIn, formatDayTime } from '../lib/time';
import { PanelButtons } from '../shared/PanelButtons';
import { SlotPicker } from '../shared/SlotPicker';
import { useSlotChoice } from '../shared/useSlotChoice';
import { useFocusOnMount } from '../shared/useFocusOnMount';

const FIELDS = ['start'] as const;

interface MoveFormProps {
  appointment: Appointment;
  onDone: (moved: Appointment) => void;
  onClose: () => void;
}

/** Moves a visit to another open time with the same clinician and visit type. */
export function MoveForm({ appointment: a, onDone, onClose }: MoveFormProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const formId = `move-${a.id}`;
  const slot = useSlotChoice();
  const { start, setStart, offered } = slot;
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const move = useMutation({
    mutationFn: (body: RescheduleBody) =>
      api.post<Appointment>(`/api/appointments/${encodeURIComponent(a.id)}/reschedule`, body),
    onSuccess: (moved) => {
      void queryClient.invalidateQueries({ queryKey: saKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      onDone(moved);
    },
    onError: (error) => {
      const { fields, general } = schedulingFailure(t, error, FIELDS);
      slot.refused(error);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (move.isPending) return;
    if (start === '') return fail({ start: t('scheduleAdmin.book.startRequired') });
    clear();
    move.mutate({ start });
  };

  return (
    <div className="panel sa-panel">
      <h4 ref={heading} tabIndex={-1} className="sa-panel__title">
        {t('scheduleAdmin.move.title', { name: a.patientName })}
      </h4>
      <p className="hint">{t('scheduleAdmin.move.now', { when: formatDayTime(a.start, i18n.language, a.timeZone) })}</p>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <SlotPicker
          formId={formId}
          clinicianId={a.clinicianId}
          visitTypeId={a.visitTypeId}
          initialDate={dateIn(a.start, a.timeZone)}
          value={start}
          onChange={setStart}
          offered={offered}
          error={errors.fields.start}
        />
        <PanelButtons submit={t('scheduleAdmin.move.submit')} pending={move.isPending} onClose={onClose} />
      </form>
    </div>
  );
}
