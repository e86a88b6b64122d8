import type { Role } from '@portico/contracts';
import { AppError } from '../../../lib/errors.js';

/** Whether a Portico password (or emailed link) may sign this role in; off for the workforce when SSO is their only way. */
export function localPasswordAllowed(role: Role, workforceLocalPasswords: boolean): boolean {
  return workforceLocalPasswords || role === 'patient' || role === 'proxy';
}

export function localPasswordDisabled(): AppError {
  return new AppError(
    'local_password_disabled',
    403,
    'Staff sign in with their hospital account here, not with a Portico password. Use the hospital sign-in button.',
  );
}
