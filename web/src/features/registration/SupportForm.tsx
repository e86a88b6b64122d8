import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SupportRequest } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { formatDateTime } from '../../app/ui/format';
import { Notice } from '../../app/ui/Notice';
import { useAppointments } from '../appointments';
import { useOpenSupportRequest } from './api';

const FORM = 'support';
const FIELDS = ['topic', 'appointmentId', 'description'] as const;

/** A signed-in patient asks tech help for help; the answer arrives in their secure messages. */
export function SupportForm() {
  const { t, i18n } = useTranslation();
  const { values, set, reset } = useFormValues({ topic: '', appointmentId: '', description: '' });
  const { errors, failWith, clear } = useFormErrors(FIELDS);
  const appointments = useAppointments();
  const open = useOpenSupportRequest();
  const [sent, setSent] = useState<SupportRequest | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (open.isPending) return;
    clear();
    open.mutate(
      {
        ...(values.topic === 'visit' || values.topic === 'account' ? { topic: values.topic } : {}),
        ...(values.appointmentId ? { appointmentId: values.appointmentId } : {}),
        description: values.description,
      },
      {
        onSuccess: (req) => {
          setSent(req);
          reset();
        },
        onError: failWith,
      },
    );
  };

  return (
    <section className="section" aria-labelledby="support-title">
      <h2 id="support-title">{t('registration.help.formTitle')}</h2>
      <p>{t('registration.help.formIntro')}</p>
      {sent ? (
        <Notice tone="success">
          <p>{t('registration.help.sent')}</p>
          <p>
            <Link to={`/messages/${sent.threadId}`}>{t('registration.help.openThread')}</Link>
          </p>
        </Notice>
      ) : null}
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <SelectField
          formId={FORM}
          name="topic"
          label={t('registration.help.topic')}
          value={values.topic}
          error={errors.fields.topic}
          onChange={(e) => set('topic', e.target.value)}
        >
          <option value="">{t('registration.form.choose')}</option>
          <option value="visit">{t('registration.help.topics.visit')}</option>
          <option value="account">{t('registration.help.topics.account')}</option>
        </SelectField>
        {values.topic === 'visit' && (appointments.data?.upcoming.length ?? 0) > 0 ? (
          <SelectField
            formId={FORM}
            name="appointmentId"
            label={t('registration.help.appointment')}
            value={values.appointmentId}
            error={errors.fields.appointmentId}
            onChange={(e) => set('appointmentId', e.target.value)}
          >
            <option value="">{t('registration.help.noAppointment')}</option>
            {appointments.data?.upcoming.map((a) => (
              <option key={a.id} value={a.id}>
                {formatDateTime(a.start, i18n.language)} · {a.clinicianName}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextAreaField
          formId={FORM}
          name="description"
          label={t('registration.help.description')}
          rows={5}
          maxLength={4000}
          value={values.description}
          error={errors.fields.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <SubmitButton pending={open.isPending}>{t('registration.help.submit')}</SubmitButton>
      </form>
    </section>
  );
}
