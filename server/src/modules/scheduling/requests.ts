import type {
  AppointmentRequest,
  AppointmentRequestBody,
  AppointmentRequestList,
  DecideRequestBody,
} from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import { appointmentScope } from './access.js';
import type { BookingService } from './booking.js';
import type { SchedulingRepository } from './repository.js';
import type { RequestRepository } from './request-repository.js';

type RequestRow = NonNullable<Awaited<ReturnType<RequestRepository['request']>>>;

/** Appointment requests: for clinicians who do not take self-scheduled visits. */
export class RequestService {
  constructor(
    private readonly repo: SchedulingRepository,
    private readonly requestsRepo: RequestRepository,
    private readonly booking: BookingService,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: AuthenticatedCaller, body: AppointmentRequestBody): Promise<AppointmentRequest> {
    const scope = appointmentScope(caller);
    if (scope.kind !== 'patient')
      throw new AppError('forbidden', 403, 'Requests are sent by patients. Staff can book directly.');
    const clinician = await this.repo.clinician(body.clinicianId);
    if (!clinician?.active) throw notFound('This clinician');
    if (body.visitTypeId) {
      const vt = await this.repo.visitType(body.visitTypeId);
      if (!vt || vt.clinician_id !== clinician.id || !vt.active) {
        throw new AppError('visit_type_unavailable', 400, 'This clinician does not offer that kind of visit.', [
          { field: 'visitTypeId', message: 'Not offered by this clinician.' },
        ]);
      }
    }
    // The request and its audit row commit together (decision 0027).
    const id = await this.requestsRepo.transaction(async (repo, trx) => {
      const newId = await repo.insertRequest({
        organizationId: clinician.organization_id,
        patientId: scope.patientId,
        clinicianId: clinician.id,
        visitTypeId: body.visitTypeId ?? null,
        preferredTimes: body.preferredTimes.trim(),
        reason: body.reason?.trim() ?? '',
        createdBy: caller.userId,
      });
      await this.audit.record(
        caller,
        {
          action: 'appointment_request.create',
          entityType: 'ServiceRequest',
          entityId: newId,
          patientId: scope.patientId,
          outcome: 'allowed',
        },
        trx,
      );
      return newId;
    });
    return this.get(caller, id);
  }

  async get(caller: AuthenticatedCaller, id: string): Promise<AppointmentRequest> {
    const row = await this.requestsRepo.request(id, appointmentScope(caller));
    if (!row) throw notFound('This request');
    return toDto(row);
  }

  async list(caller: AuthenticatedCaller, status: string | undefined): Promise<AppointmentRequestList> {
    const rows = await this.requestsRepo.requests(appointmentScope(caller), status);
    for (const r of rows) {
      await this.audit.record(caller, {
        action: 'appointment_request.read',
        entityType: 'ServiceRequest',
        entityId: r.id,
        patientId: r.patient_id,
        outcome: 'allowed',
      });
    }
    return { requests: rows.map(toDto) };
  }

  /** Staff turn a request into a booking, or decline it with a message the patient reads. */
  async decide(caller: AuthenticatedCaller, id: string, body: DecideRequestBody): Promise<AppointmentRequest> {
    const scope = appointmentScope(caller);
    if (scope.kind === 'patient') throw new AppError('forbidden', 403, 'Only staff can decide requests.');
    const row = await this.requestsRepo.request(id, scope);
    if (!row) throw notFound('This request');
    if (row.status !== 'pending') throw new AppError('conflict', 409, `This request was already ${row.status}.`);
    let appointmentId: string | null = null;
    if (body.decision === 'book') {
      const result = await this.booking.book(
        caller,
        {
          clinicianId: row.clinician_id,
          visitTypeId: body.visitTypeId,
          start: body.start,
          patientId: row.patient_id,
          reason: row.reason,
        },
        null,
      );
      appointmentId = result.appointment.id;
    }
    await this.requestsRepo.transaction(async (repo, trx) => {
      await repo.decideRequest(id, {
        status: body.decision === 'book' ? 'booked' : 'declined',
        message: body.message ?? null,
        appointmentId,
        decidedBy: caller.userId,
      });
      await this.audit.record(
        caller,
        {
          action: `appointment_request.${body.decision}`,
          entityType: 'ServiceRequest',
          entityId: id,
          patientId: row.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    await this.jobs.enqueue({ kind: 'appointment_request.notice', payload: { requestId: id } });
    return this.get(caller, id);
  }
}

function toDto(r: RequestRow): AppointmentRequest {
  return {
    id: r.id,
    status: r.status,
    patientId: r.patient_id,
    patientName: r.patient_name,
    clinicianId: r.clinician_id,
    clinicianName: r.clinician_name,
    visitTypeId: r.visit_type_id,
    preferredTimes: r.preferred_times,
    reason: r.reason,
    staffMessage: r.staff_message,
    appointmentId: r.appointment_id,
    createdAt: r.created_at.toISOString(),
  };
}
