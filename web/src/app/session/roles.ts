import type { Role } from '@portico/contracts';

export const PATIENT_ROLES: readonly Role[] = ['patient', 'proxy'];
/** People who look patients up. */
export const CARE_TEAM_ROLES: readonly Role[] = ['clinician', 'staff', 'admin'];
/** People who register patients and issue activation codes. */
export const REGISTRAR_ROLES: readonly Role[] = ['staff', 'admin'];
/** People who manage staff accounts (staff only for clinician and staff accounts). */
export const USER_ADMIN_ROLES: readonly Role[] = ['staff', 'admin'];
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
