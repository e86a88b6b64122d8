import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentRequestBody, ClinicianDetail } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useSession } from '../../app/session/context';
import { signInHref } from '../../app/session/returnPath';
import { hasRole, PATIENT_ROLES } from '../../app/session/roles';
import { Notice } from '../../app/ui/Notice';
import { useRequestAppointment } from './api';
import { useDirectoryLabels } from './labels';

const FORM = 'appointment-request';
const FIELDS = ['visitTypeId', 'preferredTimes', 'reason'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = { visitTypeId: '', preferredTimes: '', reason: '' };

/** For clinicians who book through their office: the patient says when suits them and why. */
export function RequestForm({ clinician, name }: { clinician: ClinicianDetail; name: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const labels = useDirectoryLabels();
  const { values, set } = useFormValues<Field>(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);
  const send = useRequestAppointment();
  const types = clinician.visitTypes.filter((v) => v.active && clinician.visitModes.includes(v.mode));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    if (values.preferredTimes.trim() === '') {
      fail({ preferredTimes: t('findDoctor.request.preferredTimesRequired') });
      return;
    }
    clear();
    const body: AppointmentRequestBody = { clinicianId: clinician.id, preferredTimes: values.preferredTimes.trim() };
    if (values.visitTypeId) body.visitTypeId = values.visitTypeId;
    if (values.reason.trim()) body.reason = values.reason.trim();
    send.mutate(body, {
      onSuccess: () => {
        setSent(true);
        window.requestAnimationFrame(() => sentRef.current?.focus());
      },
      onError: failWith,
    });
  };

  let content;
  if (!session) {
    content = (
      <>
        <p>{t('findDoctor.request.signInText')}</p>
        <p>
          <Link className="button" to={signInHref(`${location.pathname}${location.search}`)}>
            {t('findDoctor.request.signIn')}
          </Link>
        </p>
      </>
    );
  } else if (!hasRole(session.user.role, PATIENT_ROLES)) {
    content = <Notice>{t('findDoctor.request.staffCannotRequest')}</Notice>;
  } else if (sent) {
    content = (
      <div tabIndex={-1} ref={sentRef} className="fd-sent">
        <Notice tone="success">
          <p>{t('findDoctor.request.sent')}</p>
          <p>
            <Link to="/appointments">{t('findDoctor.request.seeRequests')}</Link>
          </p>
        </Notice>
      </div>
    );
  } else {
    content = (
      <>
        <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
        <form className="form" onSubmit={onSubmit} noValidate>
          {types.length > 0 ? (
            <SelectField
              formId={FORM}
              name="visitTypeId"
              label={t('findDoctor.request.visitType')}
              value={values.visitTypeId}
              onChange={(event) => set('visitTypeId', event.target.value)}
              error={errors.fields.visitTypeId}
            >
              <option value="">{t('findDoctor.request.anyVisitType')}</option>
              {types.map((type) => (
                <option key={type.id} value={type.id}>
                  {`${type.name}${t('findDoctor.metaSeparator')}${t('findDoctor.book.visitTypeText', {
                    mode: labels.mode(type.mode),
                    minutes: type.durationMinutes,
                  })}`}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextAreaField
            formId={FORM}
            name="preferredTimes"
            label={t('findDoctor.request.preferredTimes')}
            hint={t('findDoctor.request.preferredTimesHint')}
            maxLength={500}
            required
            value={values.preferredTimes}
            onChange={(event) => set('preferredTimes', event.target.value)}
            error={errors.fields.preferredTimes}
          />
          <TextAreaField
            formId={FORM}
            name="reason"
            label={t('findDoctor.request.reason')}
            hint={t('findDoctor.request.reasonHint')}
            maxLength={1000}
            rows={4}
            value={values.reason}
            onChange={(event) => set('reason', event.target.value)}
            error={errors.fields.reason}
          />
          <SubmitButton pending={send.isPending}>{t('findDoctor.request.submit')}</SubmitButton>
        </form>
      </>
    );
  }

  return (
    <section className="section" aria-labelledby="fd-request-title">
      <h2 id="fd-request-title">{t('findDoctor.request.title')}</h2>
      <p>{t('findDoctor.request.intro', { name })}</p>
      {content}
    </section>
  );
}
