import type { WeeklyWindow } from '@portico/contracts';

export interface WindowRow {
  key: number;
  weekday: number;
  start: string;
  end: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

let nextKey = 1;
export const newRow = (weekday: number, start = '09:00', end = '17:00'): WindowRow => ({
  key: nextKey++,
  weekday,
  start,
  end,
});

export function rowsFrom(weekly: readonly WeeklyWindow[]): WindowRow[] {
  return weekly.map((w) => newRow(w.weekday, w.start, w.end));
}

/** The rows as the server wants them, sorted by day and start, with the row each came from. */
export function toWindows(rows: readonly WindowRow[]): { windows: WeeklyWindow[]; keys: number[] } {
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  return {
    windows: sorted.map((r) => ({ weekday: r.weekday, start: r.start, end: r.end })),
    keys: sorted.map((r) => r.key),
  };
}

export type RowProblem = 'startInvalid' | 'endInvalid' | 'endBeforeStart' | 'overlap';

/** The same checks the server makes, per row, so problems show beside the row at once. */
export function checkRows(rows: readonly WindowRow[]): Map<number, { field: 'start' | 'end'; problem: RowProblem }> {
  const problems = new Map<number, { field: 'start' | 'end'; problem: RowProblem }>();
  for (const r of rows) {
    if (!HHMM.test(r.start)) problems.set(r.key, { field: 'start', problem: 'startInvalid' });
    else if (!HHMM.test(r.end)) problems.set(r.key, { field: 'end', problem: 'endInvalid' });
    else if (r.start >= r.end) problems.set(r.key, { field: 'end', problem: 'endBeforeStart' });
  }
  for (const r of rows) {
    if (problems.has(r.key)) continue;
    const clash = rows.some(
      (o) => o.key !== r.key && o.weekday === r.weekday && !problems.has(o.key) && o.start < r.end && r.start < o.end,
    );
    if (clash) problems.set(r.key, { field: 'start', problem: 'overlap' });
  }
  return problems;
}
