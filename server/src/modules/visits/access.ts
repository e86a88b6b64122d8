import type { ParticipantRole } from '@portico/contracts';
import { patientForArea, type Caller } from '../../lib/caller.js';
import { notFound } from '../../lib/errors.js';
import type { VisitRow } from './repository.js';

/** Who is looking at a visit: an account, or a guest holding an invitation link. */
export interface Viewer {
  role: ParticipantRole;
  userId: string | null;
  guestId: string | null;
  displayName: string;
  /** A staff member the visit's clinician lets admit patients for them. */
  delegate?: boolean;
}

export const visitNotFound = () => notFound('This visit');

/**
 * The patient (or a proxy acting for them) and the visit's clinician take part; staff and admins
 * of the organization may look on. Anyone else gets the same 404 as for a visit that does not exist.
 */
export function viewerFor(caller: Caller, row: VisitRow, displayName: string): Viewer {
  const base = { userId: caller.userId, guestId: null, displayName };
  if (caller.role === 'patient' || caller.role === 'proxy') {
    if (caller.actingForPatientId !== row.patient_id) throw visitNotFound();
    patientForArea(caller, 'appointments');
    return { ...base, role: 'patient' };
  }
  if (caller.role === 'clinician' && row.clinician_user_id !== null && row.clinician_user_id === caller.userId) {
    return { ...base, role: 'clinician' };
  }
  if ((caller.role === 'staff' || caller.role === 'clinician') && caller.organizationId === row.organization_id) {
    return { ...base, role: 'staff', delegate: row.delegate_user_ids.includes(caller.userId ?? '') };
  }
  if (caller.role === 'admin') return { ...base, role: 'staff' };
  throw visitNotFound();
}

/** Only the visit's clinician admits people, switches to phone and ends the visit. */
export function isHost(viewer: Viewer): boolean {
  return viewer.role === 'clinician';
}

/** The clinician admits; so may staff the clinician has named for it (and nothing more). */
export function mayAdmit(viewer: Viewer): boolean {
  return isHost(viewer) || (viewer.role === 'staff' && viewer.delegate === true);
}

/** Guests may be invited by the clinician, and by the patient where the organization allows it. */
export function mayInvite(viewer: Viewer, orgSettings: Record<string, unknown>): boolean {
  if (viewer.role === 'clinician') return true;
  return viewer.role === 'patient' && orgSettings['patientsMayInviteGuests'] !== false;
}
