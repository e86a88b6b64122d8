import { anonymousCaller, type Caller } from '../../lib/caller.js';
import { AppError } from '../../lib/errors.js';

// Sign-up, password-reset and sign-in-link requests answer before anyone looks the email up: the
// request checks what it can without the account table, enqueues one job of its kind, and
// answers. The job finds the account and sends the right email, or none. A known and an unknown
// email so cost the request the same statements (docs/decisions/0025).

export const SIGNUP_JOB = 'identity.signup';
export const PASSWORD_RESET_JOB = 'identity.password-reset-request';
export const SIGN_IN_LINK_JOB = 'identity.sign-in-link-request';

/** The three kinds: their payloads hold what a person typed, so they are erased when done. */
export const ACCOUNT_REQUEST_JOBS = [SIGNUP_JOB, PASSWORD_RESET_JOB, SIGN_IN_LINK_JOB] as const;

/** Who asked, as far as the audit row needs it (the requests are made without signing in). */
export interface Asker {
  ip: string;
  requestId: string;
}

export const askerOf = (caller: Caller): Asker => ({ ip: caller.ip, requestId: caller.requestId });

/** The caller the job audits as: the address and request id of the original request. */
export const callerOf = (payload: Record<string, unknown>): Caller =>
  anonymousCaller(text(payload, 'ip'), text(payload, 'requestId'));

/** A string field of a job payload; a missing one is an empty string (the job then finds nothing). */
export function text(payload: Record<string, unknown>, key: string): string {
  const v = payload[key];
  return typeof v === 'string' ? v : '';
}

/** What a sign-up job carries: the checked form, with the password already hashed. */
export interface SignupRequest {
  email: string;
  passwordHash: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  organizationId: string;
}

export function signupOf(payload: Record<string, unknown>): SignupRequest {
  return {
    email: text(payload, 'email'),
    passwordHash: text(payload, 'passwordHash'),
    givenName: text(payload, 'givenName'),
    familyName: text(payload, 'familyName'),
    birthDate: text(payload, 'birthDate'),
    organizationId: text(payload, 'organizationId'),
  };
}

/** The answer to an emailed link (verification, password reset, sign-in) that is spent or expired. */
export const tokenInvalid = (): AppError =>
  new AppError('token_invalid', 400, 'This link has expired or was already used. Ask for a new one.');
