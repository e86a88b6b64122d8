import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp } from '../columns.js';
import type { AdministrativeSex } from './profile.js';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Column migration 0017 adds to `patients`; PatientsTable in ../schema.ts extends this. */
export interface PatientMrnColumn {
  /** 9 digits: 8 from a sequence and a mod-11 check digit. Assigned by the column default, never changed. */
  mrn: ColumnType<string, never, never>;
}

export type RegistrationStatus = 'registered' | 'possible_duplicate' | 'confirmed' | 'merged';
export type HoursKind = 'registration' | 'tech_help';

export interface RegistrationsTable {
  id: Generated<string>;
  organization_id: string;
  source: 'online' | 'staff';
  status: RegistrationStatus;
  patient_id: Nullable<string>;
  candidate_patient_ids: ColumnType<string[], string[] | undefined, string[]>;
  given_name: string;
  family_name: string;
  birth_date: ColumnType<string, string, string>;
  sex: Nullable<AdministrativeSex>;
  email: Nullable<string>;
  phone: Nullable<string>;
  preferred_language: string;
  address_line1: Nullable<string>;
  address_line2: Nullable<string>;
  address_city: Nullable<string>;
  address_region: Nullable<string>;
  address_postal_code: Nullable<string>;
  address_country: string;
  payment: 'insurance' | 'self_pay';
  payer_name: Nullable<string>;
  plan_name: Nullable<string>;
  member_id: Nullable<string>;
  created_by: Nullable<string>;
  decided_by: Nullable<string>;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface ServiceHoursTable {
  id: Generated<string>;
  organization_id: string;
  kind: HoursKind;
  weekday: number;
  /** 'HH:MM:SS' in the organization's time zone. */
  opens: string;
  closes: string;
}

export interface SupportRequestsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  topic: 'visit' | 'account';
  appointment_id: Nullable<string>;
  description: string;
  thread_id: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RegistrationTables {
  registrations: RegistrationsTable;
  service_hours: ServiceHoursTable;
  support_requests: SupportRequestsTable;
}
