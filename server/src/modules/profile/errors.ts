import type { FieldError } from '@portico/contracts';
import { AppError } from '../../lib/errors.js';

/** A 422 listing every field problem; nothing was stored. */
export const invalid = (fields: FieldError[]): AppError =>
  new AppError('validation_failed', 422, 'Some details need attention. Nothing was saved.', fields);
