import { DateTime } from 'luxon';

/** One weekly opening: ISO weekday (1 = Monday) and "HH:MM" local times in the organization's zone. */
export interface WeeklyInterval {
  weekday: number;
  opens: string;
  closes: string;
}

export interface OpenStatus {
  openNow: boolean;
  /** When open: when this opening ends. */
  closesAt: Date | null;
  /** When closed: when the next opening starts (within a week), or null when there is none. */
  nextOpensAt: Date | null;
}

function at(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number);
  // On a day clocks jump forward, a time inside the gap moves to the first real instant after it.
  return day.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 });
}

/**
 * Whether weekly hours are open at `now`, judged on the wall clock of `timeZone` (so the same
 * 8:00 opening is 13:00 UTC in winter and 12:00 UTC in summer in New York).
 */
export function openStatus(intervals: readonly WeeklyInterval[], timeZone: string, now: Date): OpenStatus {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new Error(`unknown time zone ${timeZone}`);
  const sorted = [...intervals].sort((a, b) => a.opens.localeCompare(b.opens));
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    for (const interval of sorted) {
      if (interval.weekday !== day.weekday) continue;
      const start = at(day, interval.opens);
      const end = at(day, interval.closes);
      if (start <= local && local < end) return { openNow: true, closesAt: end.toJSDate(), nextOpensAt: null };
      if (start > local) return { openNow: false, closesAt: null, nextOpensAt: start.toJSDate() };
    }
  }
  return { openNow: false, closesAt: null, nextOpensAt: null };
}

/** "08:00:00" from the database as "08:00". */
export const hhmm = (time: string): string => time.slice(0, 5);
