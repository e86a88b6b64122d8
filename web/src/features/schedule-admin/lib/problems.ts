import type { TFunction } from 'i18next';
import { isApiError } from '../../../app/api';
import { messageForError } from '../../../app/errors';

/** Scheduling codes whose server detail carries facts (times, phone numbers) worth showing as they are. */
const SCHEDULING_CODES = new Set([
  'slot_taken',
  'slot_unavailable',
  'slot_in_past',
  'visit_type_unavailable',
  'appointment_not_changeable',
  'idempotency_key_reused',
  'conflict',
]);

/** The message for a failed scheduling request: the server's own words for scheduling rules. */
export function schedulingMessage(t: TFunction, error: unknown): string {
  if (isApiError(error) && SCHEDULING_CODES.has(error.code) && error.detail) return error.detail;
  return messageForError(t, error);
}

/** On a lost race (409 slot_taken) the server offers the next open start times. */
export function offeredSlots(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'slot_taken') return [];
  const raw: unknown = 'nextSlots' in error ? error.nextSlots : undefined;
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
}

export function isSlotTaken(error: unknown): boolean {
  return isApiError(error) && error.code === 'slot_taken';
}

/** The index and leaf of a server field path such as "windows.3.end". */
export function indexedField(path: string): { index: number | null; leaf: string } {
  const parts = path.split(/[/.]/).filter((p) => p !== '' && p !== 'body');
  const numeric = parts.find((p) => /^\d+$/.test(p));
  const names = parts.filter((p) => !/^\d+$/.test(p));
  return { index: numeric === undefined ? null : Number(numeric), leaf: names[names.length - 1] ?? '' };
}

/** A fresh key for one booking attempt; retries of the same attempt reuse it. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** Field and general messages for a failed scheduling request, keeping the server's own explanation. */
export function schedulingFailure<F extends string>(
  t: TFunction,
  error: unknown,
  known: readonly F[],
): { fields: Partial<Record<F, string>>; general: string[] } {
  const fields: Partial<Record<F, string>> = {};
  const isKnown = (name: string): name is F => (known as readonly string[]).includes(name);
  if (isApiError(error)) {
    for (const fe of error.fieldErrors) {
      const { leaf } = indexedField(fe.field);
      if (isKnown(leaf)) fields[leaf] ??= fe.message;
    }
  }
  return { fields, general: [schedulingMessage(t, error)] };
}

/**
 * Field and general messages for a failed form. Schema failures get our own wording per field
 * (`invalid`), since the schema's messages are written for developers; rule failures keep the
 * server's sentence.
 */
export function formFailure<F extends string>(
  t: TFunction,
  error: unknown,
  known: readonly F[],
  invalid: (field: F) => string,
): { fields: Partial<Record<F, string>>; general: string[] } {
  const fields: Partial<Record<F, string>> = {};
  const general: string[] = [];
  const isKnown = (name: string): name is F => (known as readonly string[]).includes(name);
  if (isApiError(error)) {
    const schema = error.code === 'validation_failed';
    for (const fe of error.fieldErrors) {
      const { leaf } = indexedField(fe.field);
      // A rule's own sentence (e.g. "already has a visit type with that name") says more than its field note.
      const ruleMessage = schema ? fe.message : (error.detail ?? fe.message);
      if (isKnown(leaf))
        fields[leaf] ??= schema && fe.message.startsWith('Invalid value') ? invalid(leaf) : ruleMessage;
      else general.push(fe.message);
    }
  }
  if (Object.keys(fields).length === 0 && general.length === 0) general.push(schedulingMessage(t, error));
  return { fields, general };
}
