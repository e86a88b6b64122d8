import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';
import { VisitMode } from './directory.js';

export const SlotQuery = Type.Object(
  {
    visitTypeId: Uuid,
    from: Type.Optional(IsoDate),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  },
  { additionalProperties: false },
);
export type SlotQuery = Static<typeof SlotQuery>;

export const Slot = Type.Object({ start: IsoDateTime, end: IsoDateTime });
export type Slot = Static<typeof Slot>;
export const SlotList = Type.Object({
  clinicianId: Uuid,
  visitTypeId: Uuid,
  /** The clinic's IANA time zone, to show clinic time next to the patient's own. */
  timeZone: Type.String(),
  slots: Type.Array(Slot),
});
export type SlotList = Static<typeof SlotList>;

export const Appointment = Type.Object({
  id: Uuid,
  status: Type.String(),
  mode: VisitMode,
  start: IsoDateTime,
  end: IsoDateTime,
  timeZone: Type.String(),
  reason: Type.String(),
  patientId: Uuid,
  patientName: Type.String(),
  clinicianId: Uuid,
  clinicianName: Type.String(),
  clinicianPhotoUrl: Type.String(),
  visitTypeId: Uuid,
  visitTypeName: Type.String(),
  organizationId: Uuid,
  organizationName: Type.String(),
  organizationPhone: Type.String(),
  /** When check-in opens (start minus the organization's window). */
  checkInOpensAt: IsoDateTime,
  /** Whether the patient may still cancel or reschedule online (before the cut-off). */
  patientCanChange: Type.Boolean(),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** The interpreter the patient asked for (ISO 639 code), or null. */
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
});
export type Appointment = Static<typeof Appointment>;

export const AppointmentList = Type.Object({ upcoming: Type.Array(Appointment), past: Type.Array(Appointment) });
export type AppointmentList = Static<typeof AppointmentList>;

export const BookBody = Type.Object(
  {
    clinicianId: Uuid,
    visitTypeId: Uuid,
    start: IsoDateTime,
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Staff booking for a patient; patients book for the record they act for. */
    patientId: Type.Optional(Uuid),
    /** The language of the interpreter the patient needs (ISO 639 code); absent = none. */
    interpreterLanguage: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
  },
  { additionalProperties: false },
);
export type BookBody = Static<typeof BookBody>;

export const RescheduleBody = Type.Object(
  { start: IsoDateTime, visitTypeId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type RescheduleBody = Static<typeof RescheduleBody>;

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type CancelBody = Static<typeof CancelBody>;

export const StaffAppointmentQuery = Type.Object(
  {
    date: Type.Optional(IsoDate),
    clinicianId: Type.Optional(Uuid),
    patientId: Type.Optional(Uuid),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  },
  { additionalProperties: false },
);
export type StaffAppointmentQuery = Static<typeof StaffAppointmentQuery>;
export const StaffAppointmentList = Type.Object({ appointments: Type.Array(Appointment) });
export type StaffAppointmentList = Static<typeof StaffAppointmentList>;

export const AppointmentRequestBody = Type.Object(
  {
    clinicianId: Uuid,
    visitTypeId: Type.Optional(Uuid),
    preferredTimes: Type.String({ minLength: 1, maxLength: 500 }),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AppointmentRequestBody = Static<typeof AppointmentRequestBody>;

export const AppointmentRequest = Type.Object({
  id: Uuid,
  status: Type.String(),
  patientId: Uuid,
  patientName: Type.String(),
  clinicianId: Uuid,
  clinicianName: Type.String(),
  visitTypeId: Type.Union([Uuid, Type.Null()]),
  preferredTimes: Type.String(),
  reason: Type.String(),
  staffMessage: Type.Union([Type.String(), Type.Null()]),
  appointmentId: Type.Union([Uuid, Type.Null()]),
  createdAt: IsoDateTime,
});
export type AppointmentRequest = Static<typeof AppointmentRequest>;
export const AppointmentRequestList = Type.Object({ requests: Type.Array(AppointmentRequest) });
export type AppointmentRequestList = Static<typeof AppointmentRequestList>;

export const DecideRequestBody = Type.Union([
  Type.Object(
    {
      decision: Type.Literal('book'),
      visitTypeId: Uuid,
      start: IsoDateTime,
      message: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { decision: Type.Literal('decline'), message: Type.String({ minLength: 1, maxLength: 1000 }) },
    { additionalProperties: false },
  ),
]);
export type DecideRequestBody = Static<typeof DecideRequestBody>;

// ---- clinician schedule management (staff/admin) ----

export const WeeklyWindow = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type WeeklyWindow = Static<typeof WeeklyWindow>;

export const ScheduleException = Type.Object(
  {
    date: IsoDate,
    kind: Type.Union([Type.Literal('time_off'), Type.Literal('extra_hours')]),
    start: Type.Union([Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), Type.Null()]),
    end: Type.Union([Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), Type.Null()]),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ScheduleException = Static<typeof ScheduleException>;

export const VisitTypeBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    mode: VisitMode,
    durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
    bufferMinutes: Type.Integer({ minimum: 0, maximum: 120 }),
    newPatient: Type.Boolean(),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type VisitTypeBody = Static<typeof VisitTypeBody>;

export const ClinicianSchedule = Type.Object({
  clinicianId: Uuid,
  timeZone: Type.String(),
  weekly: Type.Array(WeeklyWindow),
  exceptions: Type.Array(Type.Intersect([ScheduleException, Type.Object({ id: Uuid })])),
  visitTypes: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      mode: VisitMode,
      durationMinutes: Type.Integer(),
      bufferMinutes: Type.Integer(),
      newPatient: Type.Boolean(),
      active: Type.Boolean(),
    }),
  ),
});
export type ClinicianSchedule = Static<typeof ClinicianSchedule>;

export const WeeklyBody = Type.Object(
  { windows: Type.Array(WeeklyWindow, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type WeeklyBody = Static<typeof WeeklyBody>;

export const HolidayBody = Type.Object(
  { organizationId: Uuid, date: IsoDate, name: Type.String({ minLength: 2, maxLength: 100 }) },
  { additionalProperties: false },
);
export type HolidayBody = Static<typeof HolidayBody>;
