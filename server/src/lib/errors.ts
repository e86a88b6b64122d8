import type { ErrorCode, FieldError } from '@portico/contracts';

/** Structured facts some problems carry, so clients can phrase them in the person's language. */
export interface ProblemExtras {
  nextSlots?: string[];
  retryAfterSeconds?: number;
  triesLeft?: number;
  helpPhone?: string;
  allowedRegions?: string[];
  opensAt?: string;
  payableCents?: number;
}

/**
 * The one error type. `code` is stable and documented; `message` is safe to show a person.
 * Anything that is not an AppError becomes a 500 `internal_error` with no details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** Extra members for the problem body, e.g. `nextSlots` on a lost booking race. */
    readonly extras: ProblemExtras = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'This item'): AppError =>
  new AppError('not_found', 404, `${what} was not found, or you do not have access to it.`);

export const forbidden = (): AppError => new AppError('forbidden', 403, 'Your account is not allowed to do this.');

export const unauthenticated = (): AppError => new AppError('unauthenticated', 401, 'Please sign in to continue.');

export const validation = (fields: FieldError[], message = 'Some fields need attention.'): AppError =>
  new AppError('validation_failed', 400, message, fields);
