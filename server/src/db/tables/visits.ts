import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../columns.js';

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
  /** The language the link's pages open in. */
  page_language: ColumnType<string | null, string | null | undefined, string | null>;
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

/** Tables of this domain; Database in ../schema.ts extends this. */
export interface VisitsTables {
  encounters: EncountersTable;
  encounter_status_history: EncounterStatusHistoryTable;
  visit_check_ins: VisitCheckInsTable;
  visit_guests: VisitGuestsTable;
  visit_participants: VisitParticipantsTable;
  clinician_delegates: ClinicianDelegatesTable;
  visit_signal_relay: VisitSignalRelayTable;
}
