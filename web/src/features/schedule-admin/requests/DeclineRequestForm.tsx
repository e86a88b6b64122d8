import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppointmentRequest, DecideRequestBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { schedulingFailure } from '../lib/problems';
import { PanelButtons } from '../shared/PanelButtons';
import { useFocusOnMount } from '../shared/useFocusOnMount';
import { TextAreaField } from '../../../app/forms/Field';

const FIELDS = ['message'] as const;
const MESSAGE_MAX = 1000;

interface DeclineRequestFormProps {
  request: AppointmentRequest;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** The confirm step before declining: the patient reads the message, so it is required. */
export function DeclineRequestForm({ request: r, onDone, onClose }: DeclineRequestFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const formId = `decline-request-${r.id}`;
  const [message, setMessage] = useState('');
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const decide = useMutation({
    mutationFn: (body: DecideRequestBody) =>
      api.post<AppointmentRequest>(`/api/appointment-requests/${encodeURIComponent(r.id)}/decision`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['schedule-admin', 'requests'] });
      onDone(t('scheduleAdmin.requests.declinedDone', { name: r.patientName }));
    },
    onError: (error) => {
      const { fields, general } = schedulingFailure(t, error, FIELDS);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const text = message.trim();
    if (text === '') return fail({ message: t('scheduleAdmin.requests.messageRequired') });
    if (text.length > MESSAGE_MAX) return fail({ message: t('scheduleAdmin.cancel.tooLong', { max: MESSAGE_MAX }) });
    clear();
    decide.mutate({ decision: 'decline', message: text });
  };

  return (
    <div className="panel sa-panel sa-panel--warning">
      <h4 ref={heading} tabIndex={-1} className="sa-panel__title">
        {t('scheduleAdmin.requests.declineTitle', { name: r.patientName })}
      </h4>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={formId}
          name="message"
          label={t('scheduleAdmin.requests.message')}
          hint={t('scheduleAdmin.requests.messageHint')}
          maxLength={MESSAGE_MAX}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          error={errors.fields.message}
        />
        <PanelButtons
          submit={t('scheduleAdmin.requests.declineSubmit')}
          pending={decide.isPending}
          onClose={onClose}
          close={{ label: t('scheduleAdmin.requests.keep'), tone: 'secondary' }}
        />
      </form>
    </div>
  );
}
