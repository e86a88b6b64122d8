import { Type, type Static } from 'typebox';

/** Stable machine-readable error codes. Clients branch on these, never on messages. */
export const ErrorCodes = [
  'validation_failed',
  // Issue 17: a search word an admin typed, and a message over its length limit.
  'search_word_invalid',
  'message_too_long',
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
  // Issue 13: password sign-in slowed down for this email or address (growing delays, never a lock).
  'sign_in_throttled',
  // Issue 13: the second factor, passkeys and step-up re-authentication.
  'mfa_enrollment_required',
  'mfa_code_invalid',
  'mfa_factor_locked',
  'mfa_sign_in_expired',
  'mfa_already_enrolled',
  'mfa_not_enrolled',
  'passkey_invalid',
  'step_up_required',
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
  'visit_closed',
  'check_in_not_open',
  'check_in_required',
  'location_not_allowed',
  'not_visit_clinician',
  'nobody_waiting',
  'patient_was_seen',
  'invitation_invalid',
  'invitation_in_use',
  'proxy_account_not_found',
  'proxy_area_not_allowed',
  'attachment_type_not_allowed',
  'attachment_too_large',
  'too_many_attachments',
  'fhir_bundle_invalid',
  'coverage_priority_taken',
  'legal_details_locked',
  'medication_not_active',
  'refill_already_requested',
  'controlled_substance_not_online',
  'no_refills_remaining',
  'refill_already_decided',
  'not_refill_prescriber',
  'pharmacy_not_available',
  'idempotency_key_required',
  'payment_exceeds_balance',
  'card_declined',
  'payment_processor_unavailable',
  'online_payment_unavailable',
  'patient_could_not_connect',
  'dispute_not_allowed',
  'dispute_already_open',
  'dispute_resolved',
  'effective_date_in_past',
  'rule_set_version_conflict',
  'refund_exceeds_payment',
  'refund_not_allowed',
  'refund_failed',
  'adjustment_exceeds_balance',
  'preview_not_available',
  'international_profile_required',
  'request_not_allowed',
  'estimate_not_open',
  'exchange_rate_invalid',
  'deposit_exceeds_request',
  'deposit_not_allowed',
  'deposit_exceeds_held',
  'deposit_charge_outside_episode',
  'doctor_link_invalid',
  // Registration, MRN and tech help (0017).
  'mrn_invalid',
  'registration_already_decided',
  // Second opinions and record uploads (0018)
  'upload_too_large',
  'upload_type_not_allowed',
  'dicom_invalid',
  'upload_offset_mismatch',
  'upload_link_expired',
  'tus_version_unsupported',
  'opinion_status_conflict',
  // Resilience: the database or the disk is unavailable, or the server is shedding load (issue 12).
  'database_unavailable',
  'storage_full',
  'overloaded',
  'shutting_down',
  // SMART App Launch (issue 14): an authorization that timed out or was already answered.
  'smart_interaction_expired',
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
  /** On `location_not_allowed`: the US states where the patient must be for this visit. */
  allowedRegions: Type.Optional(Type.Array(Type.String())),
  /** On `check_in_not_open`: when check-in opens. */
  opensAt: Type.Optional(Type.String()),
  /** The organization's help line, when the person should call. */
  helpPhone: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
});
export type Problem = Static<typeof Problem>;
