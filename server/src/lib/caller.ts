import type { Role } from '@portico/contracts';

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
    sessionId: null,
    ip,
    requestId,
  };
}

export const WORKFORCE_ROLES: readonly Role[] = ['clinician', 'staff', 'admin'];

export function isWorkforce(caller: Caller): boolean {
  return caller.role !== null && WORKFORCE_ROLES.includes(caller.role);
}
