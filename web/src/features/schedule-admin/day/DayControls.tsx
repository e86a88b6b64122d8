import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../app/forms/InputFields';
import { addDays, formatDay, isIsoDate } from '../lib/time';

interface DayControlsProps {
  date: string;
  today: string;
  onDate: (date: string) => void;
}

/** Previous day, next day, today, and a date field to jump anywhere. */
export function DayControls({ date, today, onDate }: DayControlsProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(date);
  const [shown, setShown] = useState(date);
  const [error, setError] = useState<string | undefined>();
  // The day changed from outside (buttons, Back): show it in the field.
  if (shown !== date) {
    setShown(date);
    setText(date);
    setError(undefined);
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isIsoDate(text)) return setError(t('scheduleAdmin.day.dateInvalid'));
    setError(undefined);
    onDate(text);
  };
  return (
    <div className="sa-day-controls">
      <div className="sa-day-nav" role="group" aria-label={t('scheduleAdmin.day.navLabel')}>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onDate(addDays(date, -1))}
          aria-label={t('scheduleAdmin.day.previousLabel', { day: formatDay(addDays(date, -1), i18n.language) })}
        >
          <span aria-hidden="true">‹ </span>
          {t('scheduleAdmin.day.previous')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDate(today)} disabled={date === today}>
          {t('scheduleAdmin.day.today')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onDate(addDays(date, 1))}
          aria-label={t('scheduleAdmin.day.nextLabel', { day: formatDay(addDays(date, 1), i18n.language) })}
        >
          {t('scheduleAdmin.day.next')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <form className="sa-date-form" onSubmit={onSubmit} noValidate>
        <DateField
          formId="schedule-day"
          name="date"
          label={t('scheduleAdmin.day.date')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={error}
        />
        <button type="submit" className="button button--secondary">
          {t('scheduleAdmin.day.show')}
        </button>
      </form>
    </div>
  );
}
