import type { Appointment, VisitType } from '@portico/contracts';
import { schedulingPolicy } from './policy.js';
import { ACTIVE_STATUSES, type AppointmentRow, type VisitTypeRow } from './repository.js';

/** The shape clients see for a visit type. */
export function toVisitTypeDto(v: VisitTypeRow): VisitType {
  return {
    id: v.id,
    name: v.name,
    mode: v.mode,
    durationMinutes: v.duration_minutes,
    bufferMinutes: v.buffer_minutes,
    newPatient: v.new_patient,
    active: v.active,
  };
}

export function toAppointmentDto(r: AppointmentRow, patientSide: boolean): Appointment {
  const policy = schedulingPolicy(r.org_settings);
  const changeable = ACTIVE_STATUSES.includes(r.status) && r.status !== 'checked-in' && r.status !== 'arrived';
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    start: r.start_at.toISOString(),
    end: r.end_at.toISOString(),
    timeZone: r.time_zone,
    reason: r.reason,
    patientId: r.patient_id,
    patientName: r.patient_name,
    clinicianId: r.clinician_id,
    clinicianName: r.clinician_name,
    clinicianPhotoUrl: `/api/directory/clinicians/${r.clinician_id}/photo.svg`,
    visitTypeId: r.visit_type_id,
    visitTypeName: r.visit_type_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    organizationPhone: r.organization_phone,
    checkInOpensAt: new Date(r.start_at.getTime() - policy.checkInOpensMinutes * 60_000).toISOString(),
    patientCanChange:
      changeable && (!patientSide || r.start_at.getTime() - Date.now() >= policy.cancellationCutoffHours * 3_600_000),
    cancelReason: r.cancel_reason,
    interpreterLanguage: r.interpreter_language,
  };
}
