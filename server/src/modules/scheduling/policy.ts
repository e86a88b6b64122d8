/** An organization's scheduling rules, from its settings with sensible defaults. */
export interface SchedulingPolicy {
  /** Patients may cancel or reschedule online until this many hours before the start. */
  cancellationCutoffHours: number;
  /** Reminder emails this many minutes before the start. */
  reminderOffsetsMinutes: number[];
  /** Check-in opens this many minutes before the start. */
  checkInOpensMinutes: number;
  /** Earliest bookable slot is this many minutes from now. */
  minNoticeMinutes: number;
  /** How far ahead patients can book. */
  horizonDays: number;
  /** Whether emails may name the clinician (default: only date, time and "virtual visit"). */
  emailShowsClinician: boolean;
}

const num = (v: unknown, fallback: number, min: number, max: number): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;

export function schedulingPolicy(settings: Record<string, unknown>): SchedulingPolicy {
  const offsets = Array.isArray(settings['reminderOffsetsMinutes'])
    ? settings['reminderOffsetsMinutes'].filter((v): v is number => typeof v === 'number' && v > 0 && v <= 60 * 24 * 14)
    : null;
  return {
    cancellationCutoffHours: num(settings['cancellationCutoffHours'], 24, 0, 24 * 14),
    reminderOffsetsMinutes: offsets ?? [24 * 60, 60],
    checkInOpensMinutes: num(settings['checkInOpensMinutes'], 30, 5, 24 * 60),
    minNoticeMinutes: num(settings['minNoticeMinutes'], 60, 0, 24 * 60 * 7),
    horizonDays: num(settings['bookingHorizonDays'], 90, 1, 365),
    emailShowsClinician: settings['emailShowsClinician'] === true,
  };
}
