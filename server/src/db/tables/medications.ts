import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp } from '../columns.js';

/** A calendar date (YYYY-MM-DD); read back as text so no time zone ever shifts it. */
type DateColumn = ColumnType<string, string, string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export type MedicationStatus = 'active' | 'on-hold' | 'stopped' | 'completed';
export type ControlledSchedule = 'II' | 'III' | 'IV' | 'V';
export type RefillStatus = 'requested' | 'approved' | 'denied' | 'visit-needed' | 'cancelled';

/** A prescription on the patient's list (FHIR MedicationRequest, intent "order"). */
export interface MedicationRequestsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  prescriber_id: string;
  medication_name: string;
  strength: string;
  directions: string;
  quantity: number;
  quantity_unit: string;
  days_supply: number | null;
  refills_authorized: number;
  refills_remaining: number;
  last_filled_on: NullableDateColumn;
  status: ColumnType<MedicationStatus, MedicationStatus | undefined, MedicationStatus>;
  controlled_schedule: ControlledSchedule | null;
  started_on: DateColumn;
  created_at: Generated<Date>;
}

export interface PatientPharmaciesTable {
  id: Generated<string>;
  patient_id: string;
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  phone: string;
  ncpdp_id: string | null;
  preferred: Generated<boolean>;
  created_at: Generated<Date>;
  removed_at: NullableTimestamp;
}

export interface RefillRequestsTable {
  id: Generated<string>;
  medication_request_id: string;
  patient_id: string;
  pharmacy_id: string;
  note: string | null;
  status: ColumnType<RefillStatus, RefillStatus | undefined, RefillStatus>;
  requested_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  approved_quantity: number | null;
  decision_reason: string | null;
  /** Who answers instead of an unavailable prescriber (both null: the prescriber). */
  answer_clinician_id: ColumnType<string | null, string | null | undefined, string | null>;
  answer_pool_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The patient's primary care clinician: answers refills whose prescriber is not available. */
export interface PatientCareColumns {
  primary_care_clinician_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Tables of the medications domain; Database in ../schema.ts extends this. */
export interface MedicationsTables {
  medication_requests: MedicationRequestsTable;
  patient_pharmacies: PatientPharmaciesTable;
  refill_requests: RefillRequestsTable;
}
