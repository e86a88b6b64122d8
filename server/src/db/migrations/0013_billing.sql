-- Billing: versioned fee rules per organization, an append-only ledger, and card payments.
-- Money is integer cents. A balance is the sum of a patient's ledger entries, nothing else.

CREATE TABLE fee_rule_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  version integer NOT NULL CHECK (version > 0),
  effective_from timestamptz NOT NULL,
  rules jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, version)
);
CREATE INDEX fee_rule_sets_effective ON fee_rule_sets (organization_id, effective_from DESC);

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  method text NOT NULL CHECK (method IN ('card_online', 'card_phone', 'check', 'cash')),
  processor text CHECK (processor IN ('test', 'stripe')),
  processor_ref text,
  status text NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed')),
  failure_code text,
  card_brand text,
  card_last4 text CHECK (card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'),
  check_number text,
  idempotency_key text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (patient_id, idempotency_key)
);
CREATE INDEX payments_patient ON payments (patient_id, created_at DESC);

CREATE TABLE ledger_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  entry_type text NOT NULL CHECK (entry_type IN ('charge', 'payment', 'adjustment', 'refund')),
  amount_cents bigint NOT NULL,
  encounter_id uuid REFERENCES encounters(id),
  -- For an adjustment or refund: the entry it corrects.
  applies_to uuid REFERENCES ledger_entries(id),
  payment_id uuid REFERENCES payments(id),
  rule_set_id uuid REFERENCES fee_rule_sets(id),
  rule_code text,
  rule_params jsonb NOT NULL DEFAULT '{}'::jsonb,
  explanation text NOT NULL,
  hsa_fsa_eligible boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (entry_type = 'charge' AND amount_cents >= 0 AND encounter_id IS NOT NULL AND rule_code IS NOT NULL)
    OR (entry_type = 'payment' AND amount_cents < 0 AND payment_id IS NOT NULL)
    OR (entry_type = 'refund' AND amount_cents > 0 AND payment_id IS NOT NULL)
    OR (entry_type = 'adjustment' AND amount_cents <> 0)
  )
);
-- One charge per visit: running the fee engine twice never bills twice.
CREATE UNIQUE INDEX ledger_one_charge_per_visit ON ledger_entries (encounter_id) WHERE entry_type = 'charge';
CREATE UNIQUE INDEX ledger_one_entry_per_payment ON ledger_entries (payment_id) WHERE entry_type = 'payment';
CREATE INDEX ledger_patient ON ledger_entries (patient_id, created_at);

-- The ledger is append-only by construction: corrections are new entries.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- A statement is the ledger as of one instant, numbered for the billing office and the mail.
-- The ledger never changes, so a statement's lines are re-derived exactly from `as_of`.
CREATE SEQUENCE statement_numbers START 100001;
CREATE TABLE statements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  number bigint NOT NULL UNIQUE DEFAULT nextval('statement_numbers'),
  as_of timestamptz NOT NULL,
  balance_cents bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statements_patient ON statements (patient_id, as_of DESC);

-- "I think this bill is in error": a patient disputes one charge; the billing office answers and
-- may adjust it (an adjustment entry in the ledger, never an edit).
CREATE TABLE billing_disputes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  ledger_entry_id uuid NOT NULL REFERENCES ledger_entries(id),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution text CHECK (resolution IN ('adjusted', 'upheld')),
  response text,
  adjustment_entry_id uuid REFERENCES ledger_entries(id),
  opened_by uuid NOT NULL REFERENCES users(id),
  resolved_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CHECK ((status = 'open') = (resolution IS NULL)),
  CHECK (status = 'open' OR (response IS NOT NULL AND resolved_by IS NOT NULL AND resolved_at IS NOT NULL)),
  CHECK ((resolution = 'adjusted') = (adjustment_entry_id IS NOT NULL))
);
CREATE UNIQUE INDEX billing_disputes_one_open ON billing_disputes (ledger_entry_id) WHERE status = 'open';
CREATE INDEX billing_disputes_queue ON billing_disputes (organization_id, status, created_at);
