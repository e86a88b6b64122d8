import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slot } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { SelectField } from '../../../app/forms/Field';
import { fieldId } from '../../../app/forms/fieldId';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useSlots } from '../lib/queries';
import { addDays, dateIn, formatDay, formatDayTime, formatTime, todayIn, zoneName } from '../lib/time';

const WEEK = 7;

interface SlotPickerProps {
  formId: string;
  clinicianId: string;
  visitTypeId: string;
  value: string;
  onChange: (start: string) => void;
  /** First day to show (clinic date); defaults to today. */
  initialDate?: string;
  /** Start times the server offered after a lost race, shown first. */
  offered?: readonly string[];
  error?: string | undefined;
}

/** Open times a week at a time: pick a day, then a time (in the clinic's time zone). */
export function SlotPicker(props: SlotPickerProps) {
  const { formId, clinicianId, visitTypeId, value, onChange, offered = [], error } = props;
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(props.initialDate ?? todayIn());
  const [day, setDay] = useState('');
  const slots = useSlots(clinicianId, visitTypeId, from, WEEK);
  const zone = slots.data?.timeZone ?? 'UTC';
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots.data?.slots ?? []) {
    const date = dateIn(slot.start, zone);
    byDay.set(date, [...(byDay.get(date) ?? []), slot]);
  }
  const days = [...byDay.keys()];
  const shownDay = byDay.has(day) ? day : (days[0] ?? '');
  const times = byDay.get(shownDay) ?? [];
  const canGoBack = from > todayIn(zone);
  const move = (delta: number) => {
    setFrom((f) => (delta < 0 && addDays(f, delta) < todayIn(zone) ? todayIn(zone) : addDays(f, delta)));
    setDay('');
  };

  if (clinicianId === '' || visitTypeId === '') return null;
  return (
    <fieldset className={error ? 'sa-fieldset field--error' : 'sa-fieldset'}>
      <legend className="field__label">{t('scheduleAdmin.slots.legend')}</legend>
      <p className="field__hint">{t('scheduleAdmin.slots.zone', { zone: zoneName(zone, i18n.language) })}</p>
      {error ? (
        <p className="field__error" id={`${fieldId(formId, 'start')}-error`}>
          <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
          {error}
        </p>
      ) : null}
      {offered.length > 0 ? (
        <TimeRadios
          formId={formId}
          name="offered"
          legend={t('scheduleAdmin.slots.offered')}
          starts={offered}
          value={value}
          onChange={onChange}
          label={(s) => formatDayTime(s, i18n.language, zone)}
        />
      ) : null}
      <div className="sa-week" role="group" aria-label={t('scheduleAdmin.slots.weekNav')}>
        <button type="button" className="button button--quiet" onClick={() => move(-WEEK)} disabled={!canGoBack}>
          {t('scheduleAdmin.slots.earlier')}
        </button>
        <p className="sa-week__range" aria-live="polite">
          {t('scheduleAdmin.slots.range', {
            from: formatDay(from, i18n.language, 'short'),
            to: formatDay(addDays(from, WEEK - 1), i18n.language, 'short'),
          })}
        </p>
        <button type="button" className="button button--quiet" onClick={() => move(WEEK)}>
          {t('scheduleAdmin.slots.later')}
        </button>
      </div>
      {slots.isLoading ? <Loading label={t('scheduleAdmin.slots.loading')} /> : null}
      {slots.isError ? <ErrorMessage>{messageForError(t, slots.error)}</ErrorMessage> : null}
      {slots.data && days.length === 0 ? <p role="status">{t('scheduleAdmin.slots.none')}</p> : null}
      {days.length > 0 ? (
        <>
          <SelectField
            formId={formId}
            name="slotDay"
            label={t('scheduleAdmin.slots.day')}
            value={shownDay}
            onChange={(event) => setDay(event.target.value)}
          >
            {days.map((d) => (
              <option key={d} value={d}>
                {t('scheduleAdmin.slots.dayOption', {
                  day: formatDay(d, i18n.language, 'short'),
                  count: byDay.get(d)?.length ?? 0,
                })}
              </option>
            ))}
          </SelectField>
          <TimeRadios
            formId={formId}
            name="start"
            legend={t('scheduleAdmin.slots.times', { day: formatDay(shownDay, i18n.language) })}
            starts={times.map((s) => s.start)}
            value={value}
            onChange={onChange}
            label={(s) => formatTime(s, i18n.language, zone)}
          />
        </>
      ) : null}
    </fieldset>
  );
}

interface TimeRadiosProps {
  formId: string;
  name: string;
  legend: string;
  starts: readonly string[];
  value: string;
  onChange: (start: string) => void;
  label: (start: string) => string;
}

/** One radio per start time; the first carries the field id the error summary links to. */
function TimeRadios({ formId, name, legend, starts, value, onChange, label }: TimeRadiosProps) {
  return (
    <fieldset className="sa-times">
      <legend className="sa-times__legend">{legend}</legend>
      <div className="sa-times__grid">
        {starts.map((start, i) => {
          const id = i === 0 ? fieldId(formId, name) : `${fieldId(formId, name)}-${i}`;
          return (
            <div className="sa-time" key={start}>
              <input
                type="radio"
                id={id}
                name={`${formId}-${name}`}
                value={start}
                checked={value === start}
                onChange={() => onChange(start)}
              />
              <label htmlFor={id}>{label(start)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
