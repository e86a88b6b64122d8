import type { Appointment, AppointmentList, StaffAppointmentList, StaffAppointmentQuery } from '@portico/contracts';
import { DateTime } from 'luxon';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { appointmentScope, isPatientSide } from './access.js';
import { toAppointmentDto } from './dto.js';
import type { SchedulingRepository } from './repository.js';

/** Reading appointments: one, a patient's list, or a staff day view. Every read is audited. */
export class AppointmentReader {
  constructor(
    private readonly repo: SchedulingRepository,
    private readonly audit: AuditService,
  ) {}

  /** One appointment the caller may see; others are a 404, audited as denied. */
  async get(caller: AuthenticatedCaller, id: string): Promise<Appointment> {
    const row = await this.repo.appointment(id, appointmentScope(caller));
    if (!row) {
      await this.audit.record(caller, {
        action: 'appointment.read',
        entityType: 'Appointment',
        entityId: id,
        outcome: 'denied',
      });
      throw notFound('This appointment');
    }
    await this.audit.record(caller, {
      action: 'appointment.read',
      entityType: 'Appointment',
      entityId: id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
    return toAppointmentDto(row, isPatientSide(caller));
  }

  async listMine(caller: AuthenticatedCaller): Promise<AppointmentList> {
    const scope = appointmentScope(caller);
    if (scope.kind !== 'patient')
      throw new AppError('forbidden', 403, 'This list is for patients. Staff use the schedule view.');
    const rows = await this.repo.forPatient(scope.patientId);
    await this.audit.record(caller, {
      action: 'appointment.list',
      entityType: 'Appointment',
      patientId: scope.patientId,
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    const now = Date.now();
    const dtos = rows.map((r) => toAppointmentDto(r, true));
    return {
      upcoming: dtos.filter((a) => new Date(a.end).getTime() >= now && a.status !== 'cancelled'),
      past: dtos.filter((a) => new Date(a.end).getTime() < now || a.status === 'cancelled').reverse(),
    };
  }

  async listForStaff(caller: AuthenticatedCaller, q: StaffAppointmentQuery): Promise<StaffAppointmentList> {
    const scope = appointmentScope(caller);
    if (scope.kind === 'patient') throw new AppError('forbidden', 403, 'This list is for care teams and staff.');
    const zone =
      scope.kind === 'organization' ? ((await this.repo.organizationTimeZone(scope.organizationId)) ?? 'UTC') : 'UTC';
    const day = q.date ? DateTime.fromISO(q.date, { zone }) : DateTime.now().setZone(zone);
    const from = day.startOf('day').toJSDate();
    const to = new Date(from.getTime() + (q.days ?? 1) * 86_400_000);
    const rows = await this.repo.forOrganization({
      organizationId: scope.kind === 'organization' ? scope.organizationId : null,
      from,
      to,
      ...(q.clinicianId ? { clinicianId: q.clinicianId } : {}),
      ...(q.patientId ? { patientId: q.patientId } : {}),
    });
    for (const r of rows) {
      await this.audit.record(caller, {
        action: 'appointment.list',
        entityType: 'Appointment',
        entityId: r.id,
        patientId: r.patient_id,
        outcome: 'allowed',
      });
    }
    return { appointments: rows.map((r) => toAppointmentDto(r, false)) };
  }
}
