import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './columns.js';
import type { BillingTables } from './tables/billing.js';
import type { IdempotencyTables } from './tables/idempotency.js';
import type { InternationalTables } from './tables/international.js';
import type { MedicationsTables, PatientCareColumns } from './tables/medications.js';
import type { DirectoryTables } from './tables/directory.js';
import type { OpinionsTables } from './tables/opinions.js';
import type { PatientProfileColumns, ProfileTables } from './tables/profile.js';
import type { PatientMrnColumn, RegistrationTables } from './tables/registration.js';
import type { PortalTables } from './tables/portal.js';
import type { ResultsTables } from './tables/results.js';
import type { SecurityTables } from './tables/security.js';
import type { VisitsTables } from './tables/visits.js';
import type { SmartTables } from './tables/smart.js';
import type { BulkTables } from './tables/bulk.js';

/** Row types for Kysely. Keep in step with migrations/*.sql. */
export type * from './tables/portal.js';
export type * from './tables/results.js';
export type * from './tables/visits.js';
export type { Json, NullableTimestamp, Timestamp } from './columns.js';

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

export interface PatientsTable extends PatientProfileColumns, PatientMrnColumn, PatientCareColumns {
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

/** Superseded by idempotent_requests (0021); no longer written, to be dropped. */
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
  purpose: 'verify_email' | 'reset_password' | 'sign_in_link';
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
  /** Position in the hash chain (docs/decisions/0027); null for rows written before it began. */
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The chain's newest position and hash; its row lock serializes appends. */
export interface AuditChainHeadTable {
  id: number;
  seq: string;
  hash: string;
  legacy_max_id: string;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Database
  extends
    MedicationsTables,
    ProfileTables,
    BillingTables,
    IdempotencyTables,
    InternationalTables,
    RegistrationTables,
    OpinionsTables,
    VisitsTables,
    PortalTables,
    ResultsTables,
    SecurityTables,
    DirectoryTables,
    SmartTables,
    BulkTables {
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
  audit_chain_head: AuditChainHeadTable;
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
}
