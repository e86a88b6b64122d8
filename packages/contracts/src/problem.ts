import { Type, type Static } from 'typebox';

/** Stable machine-readable error codes. Clients branch on these, never on messages. */
export const ErrorCodes = [
  'validation_failed',
  'malformed_json',
  'body_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'email_not_verified',
  'email_taken',
  'activation_code_invalid',
  'token_invalid',
  'weak_password',
  'conflict',
  'slot_taken',
  'slot_unavailable',
  'slot_in_past',
  'visit_type_unavailable',
  'self_scheduling_unavailable',
  'cancellation_cutoff',
  'appointment_not_changeable',
  'idempotency_key_reused',
  'internal_error',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const FieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer-ish path of the offending field, e.g. "email"' }),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** RFC 9457 problem details, with Portico's stable `code`. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldError)),
  /** On `slot_taken`: the next open start times, so the person can pick one at once. */
  nextSlots: Type.Optional(Type.Array(Type.String())),
  /** On `account_locked` / `rate_limited`: seconds until trying again makes sense. */
  retryAfterSeconds: Type.Optional(Type.Integer()),
  /** On `invalid_credentials`: wrong tries left before the account locks (when 2 or fewer). */
  triesLeft: Type.Optional(Type.Integer()),
  /** The organization's help line, when the person should call. */
  helpPhone: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
});
export type Problem = Static<typeof Problem>;
