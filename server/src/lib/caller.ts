import type { PortalArea, Role } from '@portico/contracts';
import { AppError } from './errors.js';

/**
 * Who is making a request. Every service and repository call that touches patient data takes
 * one, so access rules and the audit trail never depend on remembering to pass a user id.
 */
export interface Caller {
  userId: string | null;
  role: Role | null;
  organizationId: string | null;
  /** The patient record that belongs to this account (patients only). */
  ownPatientId: string | null;
  /** Whose record is open: the patient themself, or the patient a proxy acts for. */
  actingForPatientId: string | null;
  /** What the caller may see of that record: everything for their own, a proxy's grant otherwise. */
  areas: readonly PortalArea[];
  sessionId: string | null;
  ip: string;
  requestId: string;
}

export type AuthenticatedCaller = Caller & { userId: string; role: Role; sessionId: string };

export function anonymousCaller(ip: string, requestId: string): Caller {
  return {
    userId: null,
    role: null,
    organizationId: null,
    ownPatientId: null,
    actingForPatientId: null,
    areas: [],
    sessionId: null,
    ip,
    requestId,
  };
}

/**
 * A durable job acting on its own (no one signed in): audited with no actor, the job's dedupe key
 * as the request id and `job` as the address, in the organization whose data it changes.
 */
export function jobCaller(jobKey: string, organizationId: string | null): Caller {
  return { ...anonymousCaller('job', jobKey), organizationId };
}

export const WORKFORCE_ROLES: readonly Role[] = ['clinician', 'staff', 'admin'];

export function isWorkforce(caller: Caller): boolean {
  return caller.role !== null && WORKFORCE_ROLES.includes(caller.role);
}

/**
 * The patient whose record the caller has open, for one area of it. A proxy whose grant does not
 * cover the area is told so plainly (they know the record exists; it is theirs to ask about).
 */
export function patientForArea(caller: Caller, area: PortalArea): string {
  if (!caller.actingForPatientId) throw new AppError('forbidden', 403, 'Choose whose record to open first.');
  if (!caller.areas.includes(area)) {
    throw new AppError(
      'proxy_area_not_allowed',
      403,
      'Your access to this record does not include this part. The patient can change what you can see.',
    );
  }
  return caller.actingForPatientId;
}
