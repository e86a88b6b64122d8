import type { TFunction } from 'i18next';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';

/** Scheduling problems whose server message says exactly what happened and what to do. */
const EXPLAINED = new Set([
  'slot_taken',
  'slot_in_past',
  'slot_unavailable',
  'visit_type_unavailable',
  'self_scheduling_unavailable',
  'cancellation_cutoff',
  'appointment_not_changeable',
  'idempotency_key_reused',
  'conflict',
]);

/**
 * The words to show for a failed booking, move or cancellation. The scheduling codes have no
 * translation of their own yet, and the server's message carries facts we cannot rebuild here
 * (the organization's phone number, the cut-off hours), so it is shown as written.
 */
export function schedulingMessage(t: TFunction, error: unknown): string {
  if (isApiError(error) && EXPLAINED.has(error.code) && error.detail) return error.detail;
  return messageForError(t, error);
}

/** The problem's code, or null for anything that is not an API problem. */
export function problemCode(error: unknown): string | null {
  return isApiError(error) ? error.code : null;
}
