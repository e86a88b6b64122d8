import type { OpeningHours } from '@portico/contracts';

/** "8:00 AM" in the organization's zone. */
export function timeIn(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** "Monday 8:00 AM" in the organization's zone. */
export function dayTimeIn(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', hour: 'numeric', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

/** What to say about now: open until a time, closed until a day and time, or just closed. */
export type OpenStatusText = { kind: 'open'; time: string } | { kind: 'opens'; when: string } | { kind: 'closed' };

/** Drives "Open now — closes 6:00 PM" / "Closed — opens Monday 8:00 AM", in the organization's zone. */
export function openStatusText(hours: OpeningHours, locale: string): OpenStatusText {
  if (hours.openNow && hours.closesAt) return { kind: 'open', time: timeIn(hours.closesAt, hours.timeZone, locale) };
  if (hours.nextOpensAt) return { kind: 'opens', when: dayTimeIn(hours.nextOpensAt, hours.timeZone, locale) };
  return { kind: 'closed' };
}

/** The week as rows: "Monday", "8:00 AM – 6:00 PM" (wall-clock times of the organization). */
export function weekRows(hours: OpeningHours, locale: string): { day: string; times: string }[] {
  // 2024-01-01 was a Monday: weekday n is 2024-01-0n, formatted in UTC so no zone shifts it.
  const dayName = (weekday: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
  // A range is written the reader's way ("8:00 AM – 6:00 PM", "8:00–18:00") by formatRange.
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const at = (hhmm: string) => new Date(`2024-01-01T${hhmm}:00Z`);
  return hours.intervals.map((i) => ({ day: dayName(i.weekday), times: clock.formatRange(at(i.opens), at(i.closes)) }));
}
