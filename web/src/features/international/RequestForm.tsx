import type { NewRequestBody, RequestDetails, RequestKind } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { Notice } from '../../app/ui/Notice';
import { useIntlAction } from './api';

const KINDS: RequestKind[] = [
  'appointment',
  'admission',
  'interpreter',
  'records_transfer',
  'doctor_correspondence',
  'financial',
  'guest_services',
  'second_opinion',
];

/** Every field the form may show, top to bottom (server errors name them by these keys). */
const FIELDS = [
  'appointmentAction',
  'preferredDates',
  'dietaryNeeds',
  'language',
  'direction',
  'institution',
  'institutionContact',
  'doctorName',
  'doctorEmail',
  'guestTopic',
  'summary',
] as const;

/** A new request to the center: the kind first, then only the fields that kind needs. */
export function RequestForm() {
  const { t } = useTranslation();
  const { create } = useIntlAction();
  const [kind, setKind] = useState<RequestKind>('appointment');
  const [summary, setSummary] = useState('');
  const [d, setD] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const formId = 'intl-request';
  const set = (k: keyof RequestDetails) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const text = (k: keyof RequestDetails, label: string) => (
    <TextField
      formId={formId}
      name={k}
      label={label}
      value={d[k] ?? ''}
      onChange={set(k)}
      maxLength={200}
      error={errors.fields[k]}
    />
  );
  const select = (k: keyof RequestDetails, label: string, options: string[], prefix: string) => (
    <SelectField formId={formId} name={k} label={label} value={d[k] ?? ''} onChange={set(k)} error={errors.fields[k]}>
      <option value="" />
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${prefix}.${o}` as 'international.nav')}
        </option>
      ))}
    </SelectField>
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    setSent(false);
    clear();
    if (!summary.trim()) return fail({ summary: t('international.summaryRequired') });
    const details = Object.fromEntries(Object.entries(d).filter(([, v]) => v.trim())) as RequestDetails;
    const body: NewRequestBody = { kind, summary, details };
    create.mutate(body, {
      onSuccess: () => {
        setSent(true);
        setSummary('');
        setD({});
      },
      onError: failWith,
    });
  };
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('international.newRequest')}</h2>
      {sent ? <Notice tone="success">{t('international.sent')}</Notice> : null}
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      <fieldset>
        <legend>{t('international.kindLegend')}</legend>
        {KINDS.map((k) => (
          <div className="choice" key={k}>
            <input type="radio" id={`${formId}-${k}`} name="kind" checked={kind === k} onChange={() => setKind(k)} />
            <label htmlFor={`${formId}-${k}`}>{t(`international.kinds.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'second_opinion' ? (
        <p>
          {t('international.secondOpinion')}{' '}
          <Link to="/second-opinions/new">{t('international.secondOpinionLink')}</Link>
        </p>
      ) : (
        <>
          {kind === 'appointment'
            ? select(
                'appointmentAction',
                t('international.appointmentAction'),
                ['schedule', 'reschedule', 'follow_up'],
                'international.actions',
              )
            : null}
          {kind === 'appointment' || kind === 'admission' || kind === 'guest_services'
            ? text('preferredDates', t('international.preferredDates'))
            : null}
          {kind === 'admission' ? text('dietaryNeeds', t('international.dietaryNeeds')) : null}
          {kind === 'interpreter' ? text('language', t('international.interpreterLanguage')) : null}
          {kind === 'records_transfer'
            ? select('direction', t('international.direction'), ['in', 'out'], 'international.directions')
            : null}
          {kind === 'records_transfer' || kind === 'doctor_correspondence'
            ? text('institution', t('international.institution'))
            : null}
          {kind === 'records_transfer' ? text('institutionContact', t('international.institutionContact')) : null}
          {kind === 'doctor_correspondence' ? text('doctorName', t('international.doctorName')) : null}
          {kind === 'doctor_correspondence' ? text('doctorEmail', t('international.doctorEmail')) : null}
          {kind === 'guest_services'
            ? select(
                'guestTopic',
                t('international.guestTopic'),
                ['lodging', 'dining', 'directions'],
                'international.guestTopics',
              )
            : null}
          <TextAreaField
            formId={formId}
            name="summary"
            label={t('international.summary')}
            value={summary}
            maxLength={2000}
            onChange={(e) => setSummary(e.target.value)}
            error={errors.fields.summary}
          />
          <SubmitButton pending={create.isPending}>{t('international.send')}</SubmitButton>
        </>
      )}
    </form>
  );
}
