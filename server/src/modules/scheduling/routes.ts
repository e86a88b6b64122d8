import {
  Appointment,
  AppointmentList,
  AppointmentRequest,
  AppointmentRequestBody,
  AppointmentRequestList,
  BookBody,
  CancelBody,
  ClinicianSchedule,
  DecideRequestBody,
  HolidayBody,
  IdParams,
  RescheduleBody,
  ScheduleException,
  SchedulingSettings,
  StaffAppointmentList,
  StaffAppointmentQuery,
  Uuid,
  VisitTypeBody,
  WeeklyBody,
} from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdempotencyHeaders, typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';

const tags = ['scheduling'];
const STAFF = ['staff', 'admin'] as const;
const ExceptionParams = Type.Object({ id: Uuid, exceptionId: Uuid }, { additionalProperties: false });
const VisitTypeParams = Type.Object({ id: Uuid, visitTypeId: Uuid }, { additionalProperties: false });
const RequestListQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('booked'), Type.Literal('declined')])) },
  { additionalProperties: false },
);

/** Appointments, requests and clinicians' schedules. */
export async function schedulingRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  const { booking, reader, requests, manage } = services.scheduling;

  r.get('/api/appointments', { schema: { tags, response: { 200: AppointmentList } } }, async (request) =>
    reader.listMine(requireAuth(request)),
  );

  r.get(
    '/api/appointments/:id',
    { schema: { tags, params: IdParams, response: { 200: Appointment } } },
    async (request) => reader.get(requireAuth(request), request.params.id),
  );

  r.post(
    '/api/appointments',
    { schema: { tags, headers: IdempotencyHeaders, body: BookBody, response: { 201: Appointment } } },
    async (request, reply) => {
      const caller = requireAuth(request);
      const result = await booking.book(caller, request.body, request.headers['idempotency-key'] ?? null);
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.appointment);
    },
  );

  r.post(
    '/api/appointments/:id/cancel',
    { schema: { tags, params: IdParams, body: CancelBody, response: { 200: Appointment } } },
    async (request) => booking.cancel(requireAuth(request), request.params.id, request.body.reason),
  );

  r.post(
    '/api/appointments/:id/reschedule',
    { schema: { tags, params: IdParams, body: RescheduleBody, response: { 200: Appointment } } },
    async (request) => booking.reschedule(requireAuth(request), request.params.id, request.body),
  );

  r.get(
    '/api/schedule/appointments',
    { schema: { tags, querystring: StaffAppointmentQuery, response: { 200: StaffAppointmentList } } },
    async (request) => reader.listForStaff(requireAuth(request, ['clinician', 'staff', 'admin']), request.query),
  );

  r.post(
    '/api/appointment-requests',
    { schema: { tags, body: AppointmentRequestBody, response: { 201: AppointmentRequest } } },
    async (request, reply) => reply.status(201).send(await requests.create(requireAuth(request), request.body)),
  );

  r.get(
    '/api/appointment-requests',
    { schema: { tags, querystring: RequestListQuery, response: { 200: AppointmentRequestList } } },
    async (request) => requests.list(requireAuth(request), request.query.status),
  );

  r.post(
    '/api/appointment-requests/:id/decision',
    { schema: { tags, params: IdParams, body: DecideRequestBody, response: { 200: AppointmentRequest } } },
    async (request) => requests.decide(requireAuth(request, STAFF), request.params.id, request.body),
  );

  r.get(
    '/api/clinicians/:id/schedule',
    { schema: { tags, params: IdParams, response: { 200: ClinicianSchedule } } },
    async (request) => manage.get(requireAuth(request, STAFF), request.params.id),
  );

  r.put(
    '/api/clinicians/:id/schedule/weekly',
    { schema: { tags, params: IdParams, body: WeeklyBody, response: { 200: ClinicianSchedule } } },
    async (request) => manage.setWeekly(requireAuth(request, STAFF), request.params.id, request.body.windows),
  );

  r.post(
    '/api/clinicians/:id/schedule/exceptions',
    { schema: { tags, params: IdParams, body: ScheduleException, response: { 200: ClinicianSchedule } } },
    async (request) => manage.addException(requireAuth(request, STAFF), request.params.id, request.body),
  );

  r.delete(
    '/api/clinicians/:id/schedule/exceptions/:exceptionId',
    { schema: { tags, params: ExceptionParams, response: { 200: ClinicianSchedule } } },
    async (request) =>
      manage.removeException(requireAuth(request, STAFF), request.params.id, request.params.exceptionId),
  );

  r.post(
    '/api/clinicians/:id/visit-types',
    { schema: { tags, params: IdParams, body: VisitTypeBody, response: { 200: ClinicianSchedule } } },
    async (request) => manage.saveVisitType(requireAuth(request, STAFF), request.params.id, null, request.body),
  );

  r.put(
    '/api/clinicians/:id/visit-types/:visitTypeId',
    { schema: { tags, params: VisitTypeParams, body: VisitTypeBody, response: { 200: ClinicianSchedule } } },
    async (request) =>
      manage.saveVisitType(requireAuth(request, STAFF), request.params.id, request.params.visitTypeId, request.body),
  );

  r.post('/api/holidays', { schema: { tags, body: HolidayBody } }, async (request, reply) => {
    await manage.addHoliday(requireAuth(request, STAFF), request.body);
    return reply.status(204).send();
  });

  r.get(
    '/api/organizations/:id/scheduling-settings',
    { schema: { tags, params: IdParams, response: { 200: SchedulingSettings } } },
    async (request) => manage.settings(requireAuth(request, ['admin']), request.params.id),
  );

  r.put(
    '/api/organizations/:id/scheduling-settings',
    { schema: { tags, params: IdParams, body: SchedulingSettings, response: { 200: SchedulingSettings } } },
    async (request) => manage.updateSettings(requireAuth(request, ['admin']), request.params.id, request.body),
  );
}
