import { DateTime } from 'luxon';

/** One weekly working window in the organization's time zone (ISO weekday 1 = Monday). */
export interface WeeklyWindow {
  weekday: number;
  start: string; // 'HH:MM' or 'HH:MM:SS'
  end: string;
}

export interface DateException {
  date: string; // 'YYYY-MM-DD' in the organization's time zone
  kind: 'time_off' | 'extra_hours';
  start: string | null; // null + time_off = the whole day
  end: string | null;
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface AvailabilityInput {
  timeZone: string;
  /** Inclusive first and last local dates to consider. */
  fromDate: string;
  toDate: string;
  weekly: readonly WeeklyWindow[];
  exceptions: readonly DateException[];
  holidays: ReadonlySet<string>;
  /** Times the clinician is already busy (appointment start to end of its buffer). */
  busy: readonly Interval[];
  durationMinutes: number;
  bufferMinutes: number;
  /** Slots must start at or after this instant (now plus minimum notice). */
  notBefore: Date;
}

export interface Slot {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;

function localInstant(date: string, time: string, zone: string): number {
  // Luxon moves a wall-clock time that falls in a spring-forward gap to the first valid instant.
  return DateTime.fromISO(`${date}T${time.length === 5 ? `${time}:00` : time}`, { zone }).toMillis();
}

function overlaps(aStart: number, aEnd: number, list: readonly { start: number; end: number }[]): boolean {
  return list.some((b) => aStart < b.end && b.start < aEnd);
}

/**
 * Open slots, derived on demand: weekly windows (skipped on holidays and whole-day time off),
 * plus extra hours, minus partial time off and busy times. Windows are wall-clock times in the
 * organization's zone converted per date, so daylight-saving changes land correctly; slots step
 * by duration + buffer from each window's start, in real minutes.
 */
export function openSlots(input: AvailabilityInput): Slot[] {
  const zone = input.timeZone;
  const step = (input.durationMinutes + input.bufferMinutes) * MINUTE;
  const length = input.durationMinutes * MINUTE;
  const busy = input.busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  const notBefore = input.notBefore.getTime();
  const slots: Slot[] = [];

  let day = DateTime.fromISO(input.fromDate, { zone });
  const last = DateTime.fromISO(input.toDate, { zone });
  if (!day.isValid || !last.isValid) return [];
  for (; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate();
    if (!date) continue;
    const todays = input.exceptions.filter((e) => e.date === date);
    const wholeDayOff = todays.some((e) => e.kind === 'time_off' && e.start === null);
    const windows: { start: number; end: number }[] = [];
    if (!wholeDayOff && !input.holidays.has(date)) {
      for (const w of input.weekly) {
        if (w.weekday === day.weekday)
          windows.push({ start: localInstant(date, w.start, zone), end: localInstant(date, w.end, zone) });
      }
    }
    for (const e of todays) {
      if (e.kind === 'extra_hours' && e.start && e.end)
        windows.push({ start: localInstant(date, e.start, zone), end: localInstant(date, e.end, zone) });
    }
    const off = todays
      .filter((e) => e.kind === 'time_off' && e.start && e.end)
      .map((e) => ({
        start: localInstant(date, e.start ?? '00:00', zone),
        end: localInstant(date, e.end ?? '00:00', zone),
      }));

    windows.sort((a, b) => a.start - b.start);
    for (const w of windows) {
      for (let t = w.start; t + length <= w.end; t += step) {
        if (t < notBefore) continue;
        // The buffer after a visit keeps the clinician busy, but may run past the window's end.
        if (overlaps(t, t + length, off) || overlaps(t, t + length + input.bufferMinutes * MINUTE, busy)) continue;
        if (slots.some((s) => s.start.getTime() === t)) continue;
        slots.push({ start: new Date(t), end: new Date(t + length) });
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Local calendar dates covering [from, to] in a zone, for querying templates and exceptions. */
export function localDateRange(from: Date, to: Date, zone: string): { fromDate: string; toDate: string } {
  const f = DateTime.fromJSDate(from, { zone }).toISODate();
  const t = DateTime.fromJSDate(to, { zone }).toISODate();
  if (!f || !t) throw new Error(`invalid range or time zone ${zone}`);
  return { fromDate: f, toDate: t };
}
