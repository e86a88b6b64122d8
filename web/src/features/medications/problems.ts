import type { TFunction } from 'i18next';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';

const MEDICATION_CODES = [
  'medication_not_active',
  'refill_already_requested',
  'controlled_substance_not_online',
  'no_refills_remaining',
  'refill_already_decided',
  'not_refill_prescriber',
  'pharmacy_not_available',
] as const;
type MedicationCode = (typeof MEDICATION_CODES)[number];

const isMedicationCode = (code: string): code is MedicationCode =>
  (MEDICATION_CODES as readonly string[]).includes(code);

/** Our own words for the refill codes; the app's shared wording for everything else. */
export function medicationProblem(t: TFunction, error: unknown): string {
  if (isApiError(error) && isMedicationCode(error.code)) return t(`medications.problems.${error.code}`);
  return messageForError(t, error);
}

export const problemCode = (error: unknown): string | null => (isApiError(error) ? error.code : null);
