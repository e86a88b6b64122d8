import type { ColumnType, Generated } from 'kysely';
import type { BillingTables } from './tables/billing.js';
import type { InternationalTables } from './tables/international.js';
import type { MedicationsTables } from './tables/medications.js';
import type { OpinionsTables } from './tables/opinions.js';
import type { PatientProfileColumns, ProfileTables } from './tables/profile.js';
import type { PatientMrnColumn, RegistrationTables } from './tables/registration.js';

/** Row types for Kysely. Keep in step with migrations/*.sql. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: string;
  tech_help_phone: string;
  tech_help_email: string;
  billing_phone: string;
  settings: Json;
  created_at: Generated<Date>;
}

export interface ServiceLinesTable {
  code: string;
  name: string;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  role: 'patient' | 'proxy' | 'clinician' | 'staff' | 'admin';
  given_name: string;
  family_name: string;
  organization_id: string | null;
  email_verified_at: NullableTimestamp;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface PatientsTable extends PatientProfileColumns, PatientMrnColumn {
  id: Generated<string>;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  birth_date: ColumnType<string, string, string>;
  email: string | null;
  phone: string | null;
  preferred_language: Generated<string>;
  created_at: Generated<Date>;
}

export type VisitMode = 'video' | 'phone' | 'in_person';
export type AppointmentStatus =
  | 'proposed'
  | 'pending'
  | 'booked'
  | 'arrived'
  | 'fulfilled'
  | 'cancelled'
  | 'noshow'
  | 'entered-in-error'
  | 'checked-in'
  | 'waitlist';

export interface ClinicalAreasTable {
  id: Generated<string>;
  organization_id: string;
  service_line_code: string;
  name: string;
  keywords: Generated<string>;
  created_at: Generated<Date>;
}

export interface ClinicianClinicalAreasTable {
  clinician_id: string;
  clinical_area_id: string;
}

export interface VisitTypesTable {
  id: Generated<string>;
  clinician_id: string;
  name: string;
  mode: VisitMode;
  duration_minutes: number;
  buffer_minutes: Generated<number>;
  new_patient: Generated<boolean>;
  active: Generated<boolean>;
}

export interface WorkingHoursTable {
  id: Generated<string>;
  clinician_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
}

export interface ScheduleExceptionsTable {
  id: Generated<string>;
  clinician_id: string;
  on_date: ColumnType<string, string, string>;
  kind: 'time_off' | 'extra_hours';
  start_time: string | null;
  end_time: string | null;
  note: Generated<string>;
}

export interface HolidaysTable {
  organization_id: string;
  on_date: ColumnType<string, string, string>;
  name: string;
}

export interface AppointmentsTable {
  id: Generated<string>;
  organization_id: string;
  clinician_id: string;
  patient_id: string;
  visit_type_id: string;
  mode: VisitMode;
  status: AppointmentStatus;
  start_at: Timestamp;
  end_at: Timestamp;
  busy_until: Timestamp;
  reason: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
  rescheduled_from: string | null;
}

export interface AppointmentEventsTable {
  id: Generated<string>;
  appointment_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  detail: Json;
}

export interface AppointmentRequestsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  clinician_id: string;
  visit_type_id: string | null;
  preferred_times: string;
  reason: Generated<string>;
  status: ColumnType<
    'pending' | 'booked' | 'declined' | 'withdrawn',
    'pending' | 'booked' | 'declined' | 'withdrawn' | undefined,
    'pending' | 'booked' | 'declined' | 'withdrawn'
  >;
  staff_message: string | null;
  appointment_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: Generated<Date>;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json;
  dedupe_key: string | null;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  locked_by: string | null;
  last_error: string | null;
  done_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface CliniciansTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  credentials: Generated<string>;
  specialty: string;
  service_line_code: string;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  licensed_states: ColumnType<string[], string[] | undefined, string[]>;
  photo_svg: string;
  bio: Generated<string>;
  created_at: Generated<Date>;
  accepting_new_patients: Generated<boolean>;
  visit_modes: ColumnType<VisitMode[], VisitMode[] | undefined, VisitMode[]>;
  self_scheduling: Generated<boolean>;
  active: Generated<boolean>;
  search_text: Generated<string>;
  search_document: Generated<string>;
  next_available_at: NullableTimestamp;
}

export interface ActivationCodesTable {
  id: Generated<string>;
  patient_id: string;
  code_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  failed_attempts: Generated<number>;
}

export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: NullableTimestamp;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
  acting_for_patient_id: Generated<string | null>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  status: 'kept' | 'sent' | 'failed';
  error: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
  attachments: ColumnType<{ filename: string; contentType: string; content: string }[], string | undefined, string>;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_role: string | null;
  acting_for_patient_id: string | null;
  patient_id: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  ip: string | null;
  request_id: string | null;
  detail: Json;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export type EncounterStatus = 'planned' | 'arrived' | 'in-progress' | 'finished' | 'cancelled';
export type VisitOutcome = 'completed_video' | 'completed_phone' | 'technical_failure' | 'no_show' | 'cancelled';
export type ParticipantRole = 'patient' | 'clinician' | 'guest' | 'interpreter' | 'staff';

export interface EncountersTable {
  id: Generated<string>;
  appointment_id: string;
  organization_id: string;
  patient_id: string;
  clinician_id: string;
  status: ColumnType<EncounterStatus, EncounterStatus | undefined, EncounterStatus>;
  waiting_since: NullableTimestamp;
  admitted_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  modality: ColumnType<'video' | 'phone', 'video' | 'phone' | undefined, 'video' | 'phone'>;
  video_connected_at: NullableTimestamp;
  phone_number: string | null;
  running_late_minutes: number | null;
  cant_connect_at: NullableTimestamp;
  outcome: VisitOutcome | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EncounterStatusHistoryTable {
  id: Generated<string>;
  encounter_id: string;
  status: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  note: Generated<string>;
}

export interface VisitCheckInsTable {
  encounter_id: string;
  location_country: string;
  location_region: string | null;
  location_allowed: boolean;
  medications_confirmed: boolean;
  questions: Generated<string>;
  contact_phone: string;
  insurance_confirmed: boolean;
  consent_version: string;
  consent_accepted_at: Timestamp;
  interpreter_language: string | null;
  checked_in_by: string | null;
  checked_in_at: Generated<Date>;
}

export interface VisitGuestsTable {
  id: Generated<string>;
  encounter_id: string;
  kind: 'guest' | 'interpreter';
  token_hash: string;
  label: string;
  email: string | null;
  language: string | null;
  created_by: string;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  holder_hash: string | null;
  holder_name: string | null;
  claimed_at: NullableTimestamp;
}

export interface ClinicianDelegatesTable {
  clinician_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface VisitParticipantsTable {
  id: Generated<string>;
  encounter_id: string;
  role: ParticipantRole;
  user_id: string | null;
  guest_id: string | null;
  display_name: string;
  instance_id: string;
  admitted: Generated<boolean>;
  joined_at: Generated<Date>;
  left_at: NullableTimestamp;
  last_seen_at: Generated<Date>;
}

export interface VisitSignalRelayTable {
  id: Generated<string>;
  payload: string;
  created_at: Generated<Date>;
}

export type PortalArea = 'appointments' | 'messages' | 'results' | 'medications' | 'billing' | 'profile';

export interface ProxyGrantsTable {
  id: Generated<string>;
  patient_id: string;
  proxy_user_id: string;
  relationship: 'parent' | 'guardian' | 'spouse' | 'partner' | 'child' | 'caregiver' | 'other';
  access: 'full' | 'limited';
  areas: ColumnType<PortalArea[], PortalArea[] | undefined, PortalArea[]>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  granted_by: string;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  teen_consent_at: NullableTimestamp;
}

export type MessageTopic = 'question' | 'appointment' | 'billing' | 'technical' | 'medication';

export interface MessagePoolsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  service_line_code: string | null;
}

export interface MessagePoolMembersTable {
  pool_id: string;
  user_id: string;
}

export interface MessageThreadsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  topic: MessageTopic;
  subject: string;
  clinician_id: string | null;
  pool_id: string | null;
  assigned_user_id: string | null;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  created_by: string;
  created_at: Generated<Date>;
  last_message_at: Generated<Date>;
  unread_for_patient: Generated<number>;
  unread_for_care_team: Generated<number>;
}

export interface MessagesTable {
  id: Generated<string>;
  thread_id: string;
  author_user_id: string;
  author_side: 'patient' | 'care_team';
  body: string;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

export interface MessageAttachmentsTable {
  id: Generated<string>;
  message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
}

export type ResultCategory = 'lab' | 'imaging' | 'pathology';
export type ResultStatus = 'preliminary' | 'final' | 'amended' | 'corrected';
export type InterpretationCode = 'H' | 'L' | 'HH' | 'LL' | 'A' | 'N';

export interface DiagnosticReportsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  code: string;
  name: string;
  category: ResultCategory;
  status: ResultStatus;
  effective_at: Timestamp;
  issued_at: Timestamp;
  ordering_clinician_id: string | null;
  conclusion: string | null;
  patient_comment: string | null;
  comment_by: string | null;
  comment_at: NullableTimestamp;
  released_at: Timestamp;
  released_by: string | null;
  source: 'entered' | 'fhir' | 'demo';
  external_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ObservationsTable {
  id: Generated<string>;
  report_id: string;
  patient_id: string;
  position: number;
  code: string;
  name: string;
  value_numeric: number | null;
  value_text: string | null;
  unit: string | null;
  ref_low: number | null;
  ref_high: number | null;
  ref_text: string | null;
  interpretation: InterpretationCode | null;
  effective_at: Timestamp;
}

export interface Database
  extends MedicationsTables, ProfileTables, BillingTables, InternationalTables, RegistrationTables, OpinionsTables {
  organizations: OrganizationsTable;
  service_lines: ServiceLinesTable;
  users: UsersTable;
  patients: PatientsTable;
  clinicians: CliniciansTable;
  activation_codes: ActivationCodesTable;
  email_tokens: EmailTokensTable;
  sessions: SessionsTable;
  mail_outbox: MailOutboxTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
  clinical_areas: ClinicalAreasTable;
  clinician_clinical_areas: ClinicianClinicalAreasTable;
  visit_types: VisitTypesTable;
  working_hours: WorkingHoursTable;
  schedule_exceptions: ScheduleExceptionsTable;
  holidays: HolidaysTable;
  appointments: AppointmentsTable;
  appointment_events: AppointmentEventsTable;
  appointment_requests: AppointmentRequestsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  encounters: EncountersTable;
  encounter_status_history: EncounterStatusHistoryTable;
  visit_check_ins: VisitCheckInsTable;
  visit_guests: VisitGuestsTable;
  visit_participants: VisitParticipantsTable;
  clinician_delegates: ClinicianDelegatesTable;
  visit_signal_relay: VisitSignalRelayTable;
  proxy_grants: ProxyGrantsTable;
  message_pools: MessagePoolsTable;
  message_pool_members: MessagePoolMembersTable;
  message_threads: MessageThreadsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  diagnostic_reports: DiagnosticReportsTable;
  observations: ObservationsTable;
}
