import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp } from '../columns.js';
import type { Cents } from './billing.js';

export type InternationalRequestKind =
  | 'appointment'
  | 'admission'
  | 'interpreter'
  | 'records_transfer'
  | 'doctor_correspondence'
  | 'financial'
  | 'guest_services'
  | 'second_opinion';
export type InternationalRequestStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type EstimateStatus = 'offered' | 'question' | 'accepted' | 'withdrawn';
type CardStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed';

export interface InternationalProfilesTable {
  patient_id: string;
  organization_id: string;
  country: string;
  preferred_language: string;
  confirmed_at: NullableTimestamp;
  coordinator_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InternationalRequestsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  kind: InternationalRequestKind;
  status: ColumnType<InternationalRequestStatus, InternationalRequestStatus | undefined, InternationalRequestStatus>;
  summary: string;
  details: Json;
  appointment_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InternationalRepliesTable {
  id: Generated<string>;
  request_id: string;
  author: 'patient' | 'coordinator' | 'doctor';
  author_user_id: string | null;
  body: string;
  shared_with_doctor: Generated<boolean>;
  filename: string | null;
  content_type: 'application/pdf' | null;
  size_bytes: number | null;
  /** Plain bytes of a letter stored before encryption at rest (0030); null once sealed in the file store. */
  data: Uint8Array | null;
  /** The letter's own key, wrapped by the master key; null for no letter or an old plain one. */
  wrapped_key: string | null;
  created_at: Generated<Date>;
}

export interface InternationalDoctorLinksTable {
  id: Generated<string>;
  request_id: string;
  token_hash: string;
  doctor_name: string;
  expires_at: ColumnType<Date, Date, Date>;
  revoked_at: NullableTimestamp;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CareEstimatesTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  title: string;
  status: ColumnType<EstimateStatus, EstimateStatus | undefined, EstimateStatus>;
  total_cents: Cents;
  reference_currency: string | null;
  /** numeric: read as text (cast in queries) so it stays exactly as staff typed it. */
  exchange_rate: string | null;
  patient_question: string | null;
  prepared_by: string;
  accepted_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface CareEstimateLinesTable {
  id: Generated<string>;
  estimate_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_cents: Cents;
  line_cents: Cents;
}

export interface CareEstimateVisitsTable {
  estimate_id: string;
  appointment_id: string;
}

export interface CareDepositsTable {
  id: Generated<string>;
  estimate_id: string;
  organization_id: string;
  patient_id: string;
  requested_cents: Cents;
  requested_by: string;
  created_at: Generated<Date>;
}

export interface CareDepositPaymentsTable {
  id: Generated<string>;
  deposit_id: string;
  patient_id: string;
  amount_cents: Cents;
  processor: 'test' | 'stripe';
  processor_ref: string | null;
  status: ColumnType<CardStatus, CardStatus, CardStatus>;
  failure_code: string | null;
  card_brand: string | null;
  card_last4: string | null;
  idempotency_key: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CareDepositSettlementsTable {
  id: Generated<string>;
  deposit_id: string;
  kind: 'applied' | 'refunded';
  amount_cents: Cents;
  charge_entry_id: string | null;
  ledger_entry_id: string | null;
  deposit_payment_id: string | null;
  processor_ref: string | null;
  idempotency_key: string;
  created_by: string;
  created_at: Generated<Date>;
}

/** Tables of the international patient center; Database in ../schema.ts extends this. */
export interface InternationalTables {
  international_profiles: InternationalProfilesTable;
  international_requests: InternationalRequestsTable;
  international_replies: InternationalRepliesTable;
  international_doctor_links: InternationalDoctorLinksTable;
  care_estimates: CareEstimatesTable;
  care_estimate_lines: CareEstimateLinesTable;
  care_estimate_visits: CareEstimateVisitsTable;
  care_deposits: CareDepositsTable;
  care_deposit_payments: CareDepositPaymentsTable;
  care_deposit_settlements: CareDepositSettlementsTable;
}
