import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slot } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { ErrorMessage } from '../../app/ui/Notice';
import { useSlots } from './api';
import {
  addDays,
  dayKey,
  formatDay,
  formatShortDate,
  formatTime,
  formatTimeWithZone,
  groupByDay,
  patientTimeZone,
  zoneName,
  zonesDiffer,
} from './time';

interface SlotPickerProps {
  clinicianId: string;
  visitTypeId: string;
  /** First date shown (YYYY-MM-DD, clinic calendar); '' for today. */
  from: string;
  onFromChange: (from: string) => void;
  onPick: (slot: Slot) => void;
  /** The start the person has picked, shown as pressed (rescheduling). */
  selectedStart?: string;
  /** The directory's "next available", offered as a jump when a week is empty. */
  firstOpenAt?: string | null;
  headingLevel?: 3 | 4;
  days?: number;
}

/**
 * Open times for one visit type, a week at a time, grouped by the patient's own days. Each time
 * is a real button whose name says the day and the time (and the clinic's time when it differs).
 */
export function SlotPicker({
  clinicianId,
  visitTypeId,
  from,
  onFromChange,
  onPick,
  selectedStart,
  firstOpenAt,
  headingLevel = 3,
  days = 7,
}: SlotPickerProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const zone = patientTimeZone();
  const slots = useSlots(clinicianId, visitTypeId, from, days);
  const idBase = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const clinicZone = slots.data?.timeZone ?? zone;
  const groups = slots.data ? groupByDay(slots.data.slots, zone) : [];
  const anyDiffer = slots.data?.slots.some((s) => zonesDiffer(s.start, zone, clinicZone)) ?? false;

  const today = () => dayKey(new Date().toISOString(), clinicZone);
  const later = () => onFromChange(addDays(from || today(), days));
  const earlier = () => {
    const previous = addDays(from, -days);
    onFromChange(previous <= today() ? '' : previous);
  };
  const firstOpenDay = firstOpenAt ? dayKey(firstOpenAt, clinicZone) : null;
  const firstGroup = groups[0];
  const lastGroup = groups[groups.length - 1];

  let status = '';
  if (slots.isFetching && !slots.data) status = t('findDoctor.slots.loading');
  else if (slots.data && firstGroup && lastGroup) {
    status = t('findDoctor.slots.range', {
      from: formatShortDate(firstGroup.slots[0]?.start ?? '', locale, zone),
      to: formatShortDate(lastGroup.slots[0]?.start ?? '', locale, zone),
    });
  } else if (slots.data) status = t('findDoctor.slots.none', { days });

  return (
    <div className="fd-slots">
      <p className="hint">
        {t('findDoctor.slots.yourZone', { zone: zoneName(zone, locale) })}
        {anyDiffer ? ` ${t('findDoctor.slots.clinicZone', { zone: zoneName(clinicZone, locale) })}` : null}
      </p>
      <p className="fd-slots__status" role="status">
        {status}
      </p>
      {slots.isError ? (
        <ErrorMessage>
          <p>
            {t('findDoctor.slots.error')} {messageForError(t, slots.error)}
          </p>
          <button type="button" className="button button--secondary" onClick={() => void slots.refetch()}>
            {t('findDoctor.slots.retry')}
          </button>
        </ErrorMessage>
      ) : null}
      {slots.data && groups.length === 0 && firstOpenAt && firstOpenDay && firstOpenDay > (from || today()) ? (
        <p>
          <button type="button" className="button button--secondary" onClick={() => onFromChange(firstOpenDay)}>
            {t('findDoctor.slots.firstOpen', { when: formatShortDate(firstOpenAt, locale, zone) })}
          </button>
        </p>
      ) : null}
      {groups.map((group) => {
        const headingId = `${idBase}-${group.day}`;
        const first = group.slots[0];
        if (!first) return null;
        const dayLabel = formatDay(first.start, locale, zone);
        return (
          <section key={group.day} className="fd-slots__day" aria-labelledby={headingId}>
            <Heading id={headingId} className="fd-slots__day-title">
              {dayLabel}
            </Heading>
            <ul className="fd-slot-grid">
              {group.slots.map((slot) => {
                const time = formatTime(slot.start, locale, zone);
                const differs = zonesDiffer(slot.start, zone, clinicZone);
                const clinicTime = differs ? formatTimeWithZone(slot.start, locale, clinicZone) : '';
                const name = differs
                  ? t('findDoctor.slots.slotNameWithClinic', { day: dayLabel, time, clinicTime })
                  : t('findDoctor.slots.slotName', { day: dayLabel, time });
                const pressed =
                  selectedStart === undefined ? undefined : Date.parse(selectedStart) === Date.parse(slot.start);
                return (
                  <li key={slot.start}>
                    <button
                      type="button"
                      className="fd-slot"
                      aria-label={name}
                      aria-pressed={pressed}
                      onClick={() => onPick(slot)}
                    >
                      <span className="fd-slot__time">{time}</span>
                      {differs ? (
                        <span className="fd-slot__clinic">
                          {t('findDoctor.slots.clinicTime', { time: clinicTime })}
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <div className="button-row">
        {from ? (
          <button type="button" className="button button--secondary" onClick={earlier}>
            {t('findDoctor.slots.earlier')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={later}>
          {t('findDoctor.slots.later')}
        </button>
      </div>
    </div>
  );
}
