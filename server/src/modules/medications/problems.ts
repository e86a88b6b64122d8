import type { FieldError, RefillBlock } from '@portico/contracts';
import { AppError } from '../../lib/errors.js';

/** Field problems in a request the patient can fix: 422 with every field named. */
export const invalid = (fields: FieldError[], message = 'Some fields need attention.'): AppError =>
  new AppError('validation_failed', 422, message, fields);

/**
 * A refill the rules do not allow, with the same code and sentence the medication list showed
 * before the patient tried: a request already waiting is a conflict (409), the rest cannot be
 * done online at all (422).
 */
export function refillRefused(reason: RefillBlock, message: string, phone?: string): AppError {
  return new AppError(
    reason,
    reason === 'refill_already_requested' ? 409 : 422,
    message,
    [],
    {},
    phone ? { helpPhone: phone } : {},
  );
}

export const alreadyDecided = (): AppError =>
  new AppError('refill_already_decided', 409, 'This refill request was already answered. Reload to see the decision.');

export const pharmacyNotAvailable = (): AppError =>
  new AppError('pharmacy_not_available', 422, 'Choose one of your saved pharmacies.', [
    { field: 'pharmacyId', message: 'Choose one of your saved pharmacies, or add one first.' },
  ]);
