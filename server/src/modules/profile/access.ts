import { isWorkforce, patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden } from '../../lib/errors.js';

export const isPatientSide = (caller: AuthenticatedCaller): boolean =>
  caller.role === 'patient' || caller.role === 'proxy';

/** Who may change a profile or coverage: the patient side (with the profile area), staff and admins. */
export function assertMayChange(caller: AuthenticatedCaller): void {
  if (isPatientSide(caller)) {
    patientForArea(caller, 'profile');
    return;
  }
  if (caller.role !== 'staff' && caller.role !== 'admin') throw forbidden();
}

/**
 * Whose profile a request is about: the open record for patients and proxies (whose grant must
 * include the profile area), or the named patient, checked against the caller's organization
 * for the care team. A patient naming another record gets `reachable: false`: a 404, as if the
 * record did not exist.
 */
export interface ProfileTarget {
  patientId: string;
  /** For the care team: the organization the patient must belong to. */
  organizationId?: string;
  reachable: boolean;
}

export function profileTarget(caller: AuthenticatedCaller, patientId?: string): ProfileTarget {
  if (isPatientSide(caller)) {
    const open = patientForArea(caller, 'profile');
    return { patientId: patientId ?? open, reachable: patientId === undefined || patientId === open };
  }
  if (!isWorkforce(caller) || !caller.organizationId || patientId === undefined) throw forbidden();
  return { patientId, organizationId: caller.organizationId, reachable: true };
}
