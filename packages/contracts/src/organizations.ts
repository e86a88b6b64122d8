import { Type, type Static } from 'typebox';
import { Uuid } from './common.js';

export const Organization = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  techHelpPhone: Type.String(),
  techHelpEmail: Type.String(),
  billingPhone: Type.String(),
});
export type Organization = Static<typeof Organization>;

export const OrganizationList = Type.Object({ organizations: Type.Array(Organization) });
export type OrganizationList = Static<typeof OrganizationList>;

/** Scheduling policy an organization sets for itself; every field optional, defaults apply. */
export const SchedulingSettings = Type.Object(
  {
    cancellationCutoffHours: Type.Integer({
      minimum: 0,
      maximum: 336,
      description: 'Patients change visits online until this many hours before',
    }),
    reminderOffsetsMinutes: Type.Array(Type.Integer({ minimum: 5, maximum: 20160 }), {
      maxItems: 5,
      uniqueItems: true,
    }),
    checkInOpensMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
    minNoticeMinutes: Type.Integer({ minimum: 0, maximum: 10080 }),
    bookingHorizonDays: Type.Integer({ minimum: 1, maximum: 365 }),
    emailShowsClinician: Type.Boolean({
      description: 'Let appointment emails name the clinician (off: date, time and "virtual visit" only)',
    }),
  },
  { additionalProperties: false },
);
export type SchedulingSettings = Static<typeof SchedulingSettings>;
