import type { AuthenticatedCaller } from '../../lib/caller.js';
import { patientForArea } from '../../lib/caller.js';
import { forbidden, notFound } from '../../lib/errors.js';

export const CENTER_STAFF = ['staff', 'admin'] as const;

/** Whose record the patient (or a proxy with that area) has open. */
export const patientOf = patientForArea;

/** Staff act within their organization; admins everywhere; anything else is a 404. */
export function assertStaffScope(caller: AuthenticatedCaller, organizationId: string | undefined, what: string): void {
  if (caller.role !== 'staff' && caller.role !== 'admin') throw forbidden();
  if (!organizationId || (caller.role !== 'admin' && organizationId !== caller.organizationId)) throw notFound(what);
}

/** The organization a staff list is limited to; null for an admin (all). */
export const staffOrg = (caller: AuthenticatedCaller): string | null =>
  caller.role === 'admin' ? null : (caller.organizationId ?? '00000000-0000-0000-0000-000000000000');
