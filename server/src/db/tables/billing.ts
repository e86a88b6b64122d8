import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../columns.js';

/** bigint cents arrive as text (int8 is kept as text to stay exact); written as numbers. */
export type Cents = ColumnType<string, number, never>;

export interface FeeRuleSetsTable {
  id: Generated<string>;
  organization_id: string;
  version: number;
  effective_from: Timestamp;
  rules: Json;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type PaymentMethod = 'card_online' | 'card_phone' | 'check' | 'cash';
export type PaymentStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed';

export interface PaymentsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  amount_cents: Cents;
  method: PaymentMethod;
  processor: 'test' | 'stripe' | null;
  processor_ref: string | null;
  status: ColumnType<PaymentStatus, PaymentStatus, PaymentStatus>;
  failure_code: string | null;
  card_brand: string | null;
  card_last4: string | null;
  check_number: string | null;
  idempotency_key: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type LedgerEntryType = 'charge' | 'payment' | 'adjustment' | 'refund';

export interface LedgerEntriesTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  entry_type: LedgerEntryType;
  amount_cents: Cents;
  encounter_id: string | null;
  applies_to: string | null;
  payment_id: string | null;
  rule_set_id: string | null;
  rule_code: string | null;
  rule_params: ColumnType<Json, string | undefined, never>;
  explanation: string;
  hsa_fsa_eligible: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  /** The billing office's request key: a retried refund or adjustment posts once. */
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
}

export interface BillingRemindersTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  amount_due_cents: Cents;
  sent_at: Generated<Date>;
}

export interface StatementsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  number: ColumnType<string, never, never>;
  as_of: Timestamp;
  balance_cents: Cents;
  created_at: Generated<Date>;
}

export interface BillingDisputesTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  ledger_entry_id: string;
  reason: string;
  status: ColumnType<'open' | 'resolved', 'open' | undefined, 'resolved'>;
  resolution: 'adjusted' | 'upheld' | null;
  response: string | null;
  adjustment_entry_id: string | null;
  opened_by: string;
  resolved_by: string | null;
  created_at: Generated<Date>;
  resolved_at: NullableTimestamp;
}

/** Tables of the billing domain; Database in ../schema.ts extends this. */
export interface BillingTables {
  fee_rule_sets: FeeRuleSetsTable;
  payments: PaymentsTable;
  ledger_entries: LedgerEntriesTable;
  statements: StatementsTable;
  billing_disputes: BillingDisputesTable;
  billing_reminders: BillingRemindersTable;
}
