import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicianSchedule, WeeklyBody } from '@portico/contracts';
import { isApiError } from '../../../app/api';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { indexedField, schedulingMessage } from '../lib/problems';
import { weekdayName } from '../lib/time';
import { useScheduleSaved } from './useScheduleSaved';
import { checkRows, newRow, rowsFrom, toWindows, WEEKDAYS, type WindowRow } from './weekly';
import { WeekdayFieldset } from './WeekdayFieldset';
import { LiveNotice } from '../shared/LiveNotice';

const FORM = 'weekly';

/** The clinician's usual week: one fieldset per day, any number of time windows in each. */
export function WeeklyHoursForm({ schedule, zone }: { schedule: ClinicianSchedule; zone: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const saved = useScheduleSaved(schedule.clinicianId);
  const [rows, setRows] = useState<WindowRow[]>(() => rowsFrom(schedule.weekly));
  const [done, setDone] = useState(false);
  const { errors, fail, clear } = useFormErrors<string>([]);
  const order = rows.flatMap((r) => [`w${r.key}-start`, `w${r.key}-end`]);

  const save = useMutation({
    mutationFn: (body: { body: WeeklyBody; keys: number[] }) =>
      api.put<ClinicianSchedule>(
        `/api/clinicians/${encodeURIComponent(schedule.clinicianId)}/schedule/weekly`,
        body.body,
      ),
    onSuccess: (next) => {
      saved(next);
      setRows(rowsFrom(next.weekly));
      setDone(true);
    },
    onError: (error, { keys }) => {
      const fields: Record<string, string> = {};
      const general: string[] = [];
      for (const fe of isApiError(error) ? error.fieldErrors : []) {
        const { index, leaf } = indexedField(fe.field);
        const key = index === null ? undefined : keys[index];
        if (key === undefined) general.push(fe.message);
        else fields[`w${key}-${leaf === 'end' ? 'end' : 'start'}`] ??= fe.message;
      }
      if (general.length === 0 && Object.keys(fields).length === 0) general.push(schedulingMessage(t, error));
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    setDone(false);
    const problems = checkRows(rows);
    if (problems.size > 0) {
      const fields: Record<string, string> = {};
      for (const [key, p] of problems) {
        const day = weekdayName(rows.find((r) => r.key === key)?.weekday ?? 1, i18n.language);
        fields[`w${key}-${p.field}`] = t(`scheduleAdmin.weekly.problems.${p.problem}`, { day });
      }
      return fail(fields);
    }
    clear();
    const { windows, keys } = toWindows(rows);
    save.mutate({ body: { windows }, keys });
  };

  const change = (key: number, field: 'start' | 'end', value: string) => {
    setDone(false);
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  };

  return (
    <section className="section" aria-labelledby="weekly-title">
      <h2 id="weekly-title" tabIndex={-1}>
        {t('scheduleAdmin.weekly.title')}
      </h2>
      <p className="hint">
        {t('scheduleAdmin.weekly.intro')} {t('scheduleAdmin.weekly.zone', { zone })}
      </p>
      <LiveNotice message={done ? t('scheduleAdmin.weekly.saved') : ''} />
      <ErrorSummary formId={FORM} errors={errors} order={order} />
      <form className="form sa-weekly" onSubmit={onSubmit} noValidate>
        {WEEKDAYS.map((weekday) => (
          <WeekdayFieldset
            key={weekday}
            formId={FORM}
            weekday={weekday}
            rows={rows.filter((r) => r.weekday === weekday)}
            errors={errors.fields}
            onChange={change}
            onAdd={() => {
              setDone(false);
              const last = rows.filter((r) => r.weekday === weekday).at(-1);
              setRows((prev) => [
                ...prev,
                last ? newRow(weekday, last.end, last.end < '23:00' ? '23:00' : '23:59') : newRow(weekday),
              ]);
            }}
            onRemove={(key) => {
              setDone(false);
              setRows((prev) => prev.filter((r) => r.key !== key));
            }}
          />
        ))}
        <SubmitButton pending={save.isPending}>{t('scheduleAdmin.weekly.save')}</SubmitButton>
      </form>
    </section>
  );
}
