import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicianSchedule, ScheduleException } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../../app/forms/Field';
import { DateField, TimeField } from '../../../app/forms/InputFields';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { formatDay, isIsoDate } from '../lib/time';

const FORM = 'exception';
const FIELDS = ['date', 'kind', 'start', 'end', 'note'] as const;
type Field = (typeof FIELDS)[number];
type Kind = ScheduleException['kind'];

interface ExceptionFormProps {
  clinicianId: string;
  onSaved: (schedule: ClinicianSchedule, message: string) => void;
}

/** Adds time off (a whole day, or some hours) or extra hours on one date. */
export function ExceptionForm({ clinicianId, onSaved }: ExceptionFormProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<Kind>('time_off');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const add = useMutation({
    mutationFn: (body: ScheduleException) =>
      api.post<ClinicianSchedule>(`/api/clinicians/${encodeURIComponent(clinicianId)}/schedule/exceptions`, body),
    onSuccess: (next, body) => {
      onSaved(next, t('scheduleAdmin.exceptions.added', { day: formatDay(body.date, i18n.language) }));
      setDate('');
      setStart('');
      setEnd('');
      setNote('');
    },
    onError: (error) => {
      const { fields, general } = formFailure<Field>(t, error, FIELDS, (f) =>
        t(`scheduleAdmin.exceptions.invalid.${f}`),
      );
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: Partial<Record<Field, string>> = {};
    if (!isIsoDate(date)) problems.date = t('scheduleAdmin.exceptions.invalid.date');
    if ((start === '') !== (end === '')) problems.end = t('scheduleAdmin.exceptions.bothOrNeither');
    else if (kind === 'extra_hours' && start === '') problems.start = t('scheduleAdmin.exceptions.extraNeedsTimes');
    else if (start !== '' && start >= end) problems.end = t('scheduleAdmin.exceptions.endAfterStart');
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    add.mutate({
      date,
      kind,
      start: start === '' ? null : start,
      end: end === '' ? null : end,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  return (
    <div className="panel">
      <h3 className="sa-panel__title">{t('scheduleAdmin.exceptions.addTitle')}</h3>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <DateField
          formId={FORM}
          name="date"
          label={t('scheduleAdmin.exceptions.date')}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errors.fields.date}
        />
        <SelectField
          formId={FORM}
          name="kind"
          label={t('scheduleAdmin.exceptions.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value === 'extra_hours' ? 'extra_hours' : 'time_off')}
          error={errors.fields.kind}
        >
          <option value="time_off">{t('scheduleAdmin.exceptions.kinds.time_off')}</option>
          <option value="extra_hours">{t('scheduleAdmin.exceptions.kinds.extra_hours')}</option>
        </SelectField>
        <fieldset className="sa-fieldset">
          <legend className="field__label">{t('scheduleAdmin.exceptions.times')}</legend>
          <p className="field__hint">
            {kind === 'time_off'
              ? t('scheduleAdmin.exceptions.timesHint')
              : t('scheduleAdmin.exceptions.extraNeedsTimes')}
          </p>
          <div className="sa-window">
            <TimeField
              formId={FORM}
              name="start"
              label={t('scheduleAdmin.weekly.from')}
              value={start}
              onChange={(e) => setStart(e.target.value)}
              error={errors.fields.start}
            />
            <TimeField
              formId={FORM}
              name="end"
              label={t('scheduleAdmin.weekly.until')}
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              error={errors.fields.end}
            />
          </div>
        </fieldset>
        <TextField
          formId={FORM}
          name="note"
          label={t('scheduleAdmin.exceptions.noteOptional')}
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors.fields.note}
        />
        <SubmitButton pending={add.isPending}>{t('scheduleAdmin.exceptions.add')}</SubmitButton>
      </form>
    </div>
  );
}
