import type { SchedulingSettings } from '@portico/contracts';

export const SETTINGS_FIELDS = [
  'cancellationCutoffHours',
  'reminderOffsetsMinutes',
  'checkInOpensMinutes',
  'minNoticeMinutes',
  'bookingHorizonDays',
  'emailShowsClinician',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type NumberField = Exclude<SettingsField, 'reminderOffsetsMinutes' | 'emailShowsClinician'>;
export const NUMBER_FIELDS: readonly NumberField[] = [
  'cancellationCutoffHours',
  'checkInOpensMinutes',
  'minNoticeMinutes',
  'bookingHorizonDays',
];

export interface SettingsValues {
  cancellationCutoffHours: string;
  reminderOffsetsMinutes: string;
  checkInOpensMinutes: string;
  minNoticeMinutes: string;
  bookingHorizonDays: string;
  emailShowsClinician: boolean;
}

export function valuesFrom(s: SchedulingSettings): SettingsValues {
  return {
    cancellationCutoffHours: String(s.cancellationCutoffHours),
    reminderOffsetsMinutes: s.reminderOffsetsMinutes.join(', '),
    checkInOpensMinutes: String(s.checkInOpensMinutes),
    minNoticeMinutes: String(s.minNoticeMinutes),
    bookingHorizonDays: String(s.bookingHorizonDays),
    emailShowsClinician: s.emailShowsClinician,
  };
}

const WHOLE = /^\d+$/;
const parts = (text: string) => text.split(/[\s,;]+/).filter((p) => p !== '');

/**
 * Only the shape is checked here (whole numbers); the limits are the server's, and its field
 * errors come back beside the field, so the two can never disagree.
 */
export function shapeProblems(v: SettingsValues): SettingsField[] {
  const bad: SettingsField[] = NUMBER_FIELDS.filter((f) => !WHOLE.test(v[f].trim()));
  if (!parts(v.reminderOffsetsMinutes).every((p) => WHOLE.test(p))) bad.push('reminderOffsetsMinutes');
  return bad;
}

export function toBody(v: SettingsValues): SchedulingSettings {
  return {
    cancellationCutoffHours: Number(v.cancellationCutoffHours.trim()),
    reminderOffsetsMinutes: parts(v.reminderOffsetsMinutes).map(Number),
    checkInOpensMinutes: Number(v.checkInOpensMinutes.trim()),
    minNoticeMinutes: Number(v.minNoticeMinutes.trim()),
    bookingHorizonDays: Number(v.bookingHorizonDays.trim()),
    emailShowsClinician: v.emailShowsClinician,
  };
}
