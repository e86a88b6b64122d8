import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment, CancelBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { schedulingFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { formatDayTime } from '../lib/time';
import { PanelButtons } from '../shared/PanelButtons';
import { useFocusOnMount } from '../shared/useFocusOnMount';
import { TextAreaField } from '../../../app/forms/Field';

const FIELDS = ['reason'] as const;
const REASON_MAX = 500;

interface CancelFormProps {
  appointment: Appointment;
  onDone: (cancelled: Appointment) => void;
  onClose: () => void;
}

/** The confirm step before cancelling: says which visit, asks for a reason, offers a way back. */
export function CancelForm({ appointment: a, onDone, onClose }: CancelFormProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const formId = `cancel-${a.id}`;
  const [reason, setReason] = useState('');
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const cancel = useMutation({
    mutationFn: (body: CancelBody) =>
      api.post<Appointment>(`/api/appointments/${encodeURIComponent(a.id)}/cancel`, body),
    onSuccess: (cancelled) => {
      void queryClient.invalidateQueries({ queryKey: saKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      onDone(cancelled);
    },
    onError: (error) => {
      const { fields, general } = schedulingFailure(t, error, FIELDS);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cancel.isPending) return;
    const text = reason.trim();
    if (text.length > REASON_MAX) return fail({ reason: t('scheduleAdmin.cancel.tooLong', { max: REASON_MAX }) });
    clear();
    cancel.mutate(text ? { reason: text } : {});
  };

  return (
    <div className="panel sa-panel sa-panel--warning">
      <h4 ref={heading} tabIndex={-1} className="sa-panel__title">
        {t('scheduleAdmin.cancel.title', {
          name: a.patientName,
          when: formatDayTime(a.start, i18n.language, a.timeZone),
        })}
      </h4>
      <p>{t('scheduleAdmin.cancel.effect')}</p>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={formId}
          name="reason"
          label={t('scheduleAdmin.cancel.reason')}
          hint={t('scheduleAdmin.cancel.reasonHint')}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.fields.reason}
        />
        <PanelButtons
          submit={t('scheduleAdmin.cancel.confirm')}
          pending={cancel.isPending}
          onClose={onClose}
          close={{ label: t('scheduleAdmin.cancel.keep'), tone: 'secondary' }}
        />
      </form>
    </div>
  );
}
