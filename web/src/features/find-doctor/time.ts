/**
 * Times for booking, shown in the patient's own time zone (the browser's), with the clinic's
 * time beside it when the two read differently. Everything goes through Intl: no date library.
 */

/** The browser's IANA time zone, e.g. "Europe/Madrid"; UTC when the browser will not say. */
export function patientTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function parse(iso: string): number | null {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : null;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dayKey(iso: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(time)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "Tuesday, November 24" in the given zone. */
export function formatDay(iso: string, locale: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(time);
}

/** "Tue, Nov 24, 2026" in the given zone. */
export function formatShortDate(iso: string, locale: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone,
  }).format(time);
}

/** "9:30 AM" in the given zone. */
export function formatTime(iso: string, locale: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso;
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(time);
}

/** "9:30 AM EST" (time with the zone's short name) in the given zone. */
export function formatTimeWithZone(iso: string, locale: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso;
  return new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(time);
}

/** "Tuesday, November 24, 2026 at 9:30 AM EST": a whole moment, for summaries. */
export function formatMoment(iso: string, locale: string, timeZone: string): string {
  const time = parse(iso);
  if (time === null) return iso;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(time);
}

/** Whether an instant reads differently on a clock in zone `a` and one in zone `b`. */
export function zonesDiffer(iso: string, a: string, b: string): boolean {
  if (a === b) return false;
  const time = parse(iso);
  if (time === null) return false;
  const read = (timeZone: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).format(time);
  try {
    return read(a) !== read(b);
  } catch {
    return false;
  }
}

/** A date (YYYY-MM-DD) plus some days, by the calendar (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!Number.isFinite(time)) return isoDate;
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

export interface DayGroup<S extends { start: string }> {
  /** YYYY-MM-DD in the patient's zone. */
  day: string;
  slots: S[];
}

/** Slots grouped by the patient's calendar day, in time order. */
export function groupByDay<S extends { start: string }>(slots: readonly S[], timeZone: string): DayGroup<S>[] {
  const groups = new Map<string, S[]>();
  for (const slot of [...slots].sort((x, y) => x.start.localeCompare(y.start))) {
    const key = dayKey(slot.start, timeZone);
    const list = groups.get(key);
    if (list) list.push(slot);
    else groups.set(key, [slot]);
  }
  return [...groups.entries()].map(([day, list]) => ({ day, slots: list }));
}

/** A time zone's everyday name, e.g. "Eastern Time" for America/New_York; the IANA id if unknown. */
export function zoneName(timeZone: string, locale: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(Date.now())
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "Tue, Nov 24, 9:30 AM" in the given zone. */
export function formatDayAndTime(iso: string, locale: string, timeZone: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(time);
}
