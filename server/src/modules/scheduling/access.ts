import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError } from '../../lib/errors.js';
import type { AppointmentScope } from './repository.js';

/** Which appointments a caller reaches: a patient's own (or the one a proxy acts for), their organization's, or all (admins). */
export function appointmentScope(caller: AuthenticatedCaller): AppointmentScope {
  if (caller.role === 'admin') return { kind: 'all' };
  if (caller.role === 'staff' || caller.role === 'clinician') {
    if (!caller.organizationId) throw new AppError('forbidden', 403, 'Your account has no organization.');
    return { kind: 'organization', organizationId: caller.organizationId };
  }
  return { kind: 'patient', patientId: patientForArea(caller, 'appointments') };
}

export function isPatientSide(caller: AuthenticatedCaller): boolean {
  return caller.role === 'patient' || caller.role === 'proxy';
}
