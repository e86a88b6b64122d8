/** Date helpers for schedule pages: calendar dates (YYYY-MM-DD) and times shown in the clinic's zone. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The calendar date of a moment in a time zone (or the browser's zone). */
export function dateIn(moment: Date | string, timeZone?: string): string {
  const time = typeof moment === 'string' ? new Date(moment) : moment;
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      time,
    );
  } catch {
    return time.toISOString().slice(0, 10);
  }
}

export function todayIn(timeZone?: string): string {
  return dateIn(new Date(), timeZone);
}

export function addDays(isoDate: string, days: number): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Monday, 4 May 2026" for a calendar date. */
export function formatDay(isoDate: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!Number.isFinite(time)) return isoDate;
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(time);
}

/** "9:30 AM" in the clinic's zone. */
export function formatTime(isoDateTime: string, locale: string, timeZone: string): string {
  const time = Date.parse(isoDateTime);
  if (!Number.isFinite(time)) return isoDateTime;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(time);
}

/** "Mon 4 May, 9:30 AM" in the clinic's zone. */
export function formatDayTime(isoDateTime: string, locale: string, timeZone: string): string {
  const time = Date.parse(isoDateTime);
  if (!Number.isFinite(time)) return isoDateTime;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(time);
}

/** The zone's name for people ("Eastern Time"), or the IANA name when the browser has none. */
export function zoneName(timeZone: string, locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** ISO weekday (1 = Monday … 7 = Sunday) as its name. 2024-01-01 was a Monday. */
export function weekdayName(isoWeekday: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, isoWeekday));
}
