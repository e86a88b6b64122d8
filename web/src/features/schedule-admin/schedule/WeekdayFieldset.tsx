import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeField } from '../../../app/forms/InputFields';
import { weekdayName } from '../lib/time';
import type { WindowRow } from './weekly';

interface WeekdayFieldsetProps {
  formId: string;
  weekday: number;
  rows: readonly WindowRow[];
  errors: Partial<Record<string, string>>;
  onChange: (key: number, field: 'start' | 'end', value: string) => void;
  onAdd: () => void;
  onRemove: (key: number) => void;
}

/** One day of the week: its working windows (from, until) or "not working". */
export function WeekdayFieldset({ formId, weekday, rows, errors, onChange, onAdd, onRemove }: WeekdayFieldsetProps) {
  const { t, i18n } = useTranslation();
  const day = weekdayName(weekday, i18n.language);
  const addButton = useRef<HTMLButtonElement>(null);
  return (
    <fieldset className="sa-fieldset sa-day">
      <legend className="field__label">{day}</legend>
      {rows.length === 0 ? <p className="hint sa-day__off">{t('scheduleAdmin.weekly.off')}</p> : null}
      {rows.map((r, i) => {
        const which = rows.length > 1 ? ` ${t('scheduleAdmin.weekly.windowN', { n: i + 1 })}` : '';
        return (
          <div className="sa-window" key={r.key}>
            <TimeField
              formId={formId}
              name={`w${r.key}-start`}
              label={`${t('scheduleAdmin.weekly.from')}${which}`}
              value={r.start}
              onChange={(event) => onChange(r.key, 'start', event.target.value)}
              error={errors[`w${r.key}-start`]}
            />
            <TimeField
              formId={formId}
              name={`w${r.key}-end`}
              label={`${t('scheduleAdmin.weekly.until')}${which}`}
              value={r.end}
              onChange={(event) => onChange(r.key, 'end', event.target.value)}
              error={errors[`w${r.key}-end`]}
            />
            <button
              type="button"
              className="button button--quiet sa-window__remove"
              onClick={() => {
                onRemove(r.key);
                addButton.current?.focus();
              }}
            >
              {t('scheduleAdmin.weekly.remove')}
              <span className="visually-hidden">
                {' '}
                {t('scheduleAdmin.weekly.removeWhich', { day, from: r.start, until: r.end })}
              </span>
            </button>
          </div>
        );
      })}
      <button ref={addButton} type="button" className="button button--quiet" onClick={onAdd}>
        {t('scheduleAdmin.weekly.add')}
        <span className="visually-hidden"> {t('scheduleAdmin.weekly.addOn', { day })}</span>
      </button>
    </fieldset>
  );
}
