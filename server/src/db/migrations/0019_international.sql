-- International patient center: a profile per international patient with an assigned coordinator,
-- requests to the center with a reply thread, tokenized links for a home-country doctor (one case
-- each), pre-care cost estimates in USD cents, and deposits held against one estimate (episode).
-- Deposits never touch ledger_entries until staff apply them to a charge of that episode.

CREATE TABLE international_profiles (
  patient_id uuid PRIMARY KEY REFERENCES patients(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  preferred_language text NOT NULL CHECK (length(btrim(preferred_language)) BETWEEN 2 AND 40),
  confirmed_at timestamptz,
  coordinator_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX international_profiles_org ON international_profiles (organization_id);

CREATE TABLE international_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  kind text NOT NULL CHECK (kind IN ('appointment', 'admission', 'interpreter', 'records_transfer',
    'doctor_correspondence', 'financial', 'guest_services', 'second_opinion')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 2000),
  -- Kind-specific fields (language, dietary needs, institution...), validated by the service.
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  appointment_id uuid REFERENCES appointments(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX international_requests_patient ON international_requests (patient_id, created_at DESC);
CREATE INDEX international_requests_queue ON international_requests (organization_id, status, created_at);

-- Replies from the patient, the coordinator, or the home-country doctor (through a link);
-- a letter may carry one small PDF, checked by content.
CREATE TABLE international_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES international_requests(id),
  author text NOT NULL CHECK (author IN ('patient', 'coordinator', 'doctor')),
  author_user_id uuid REFERENCES users(id),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
  -- A coordinator's letter the home-country doctor may read through their link.
  shared_with_doctor boolean NOT NULL DEFAULT false,
  filename text CHECK (filename IS NULL OR length(filename) BETWEEN 1 AND 200),
  content_type text CHECK (content_type IS NULL OR content_type = 'application/pdf'),
  size_bytes integer CHECK (size_bytes IS NULL OR size_bytes BETWEEN 1 AND 5242880),
  data bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((data IS NULL) = (filename IS NULL) AND (data IS NULL) = (content_type IS NULL)),
  CHECK (author <> 'doctor' OR author_user_id IS NULL)
);
CREATE INDEX international_replies_request ON international_replies (request_id, created_at);

CREATE TABLE international_doctor_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES international_requests(id),
  token_hash text NOT NULL UNIQUE,
  doctor_name text NOT NULL CHECK (length(btrim(doctor_name)) BETWEEN 1 AND 200),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE care_estimates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'question', 'accepted', 'withdrawn')),
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  reference_currency text CHECK (reference_currency IS NULL OR reference_currency ~ '^[A-Z]{3}$'),
  -- Units of the reference currency per US dollar, exactly as staff typed it.
  exchange_rate numeric CHECK (exchange_rate IS NULL OR exchange_rate > 0),
  patient_question text,
  prepared_by uuid NOT NULL REFERENCES users(id),
  accepted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((reference_currency IS NULL) = (exchange_rate IS NULL)),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
);
CREATE INDEX care_estimates_patient ON care_estimates (patient_id, created_at DESC);

CREATE TABLE care_estimate_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  estimate_id uuid NOT NULL REFERENCES care_estimates(id),
  position integer NOT NULL,
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 300),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_cents bigint NOT NULL CHECK (unit_cents >= 0),
  line_cents bigint NOT NULL CHECK (line_cents = quantity * unit_cents),
  UNIQUE (estimate_id, position)
);

-- The visits that belong to the episode an estimate covers: a deposit is applied only to their charges.
CREATE TABLE care_estimate_visits (
  estimate_id uuid NOT NULL REFERENCES care_estimates(id),
  appointment_id uuid NOT NULL REFERENCES appointments(id),
  PRIMARY KEY (estimate_id, appointment_id)
);

-- One deposit request per estimate.
CREATE TABLE care_deposits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  estimate_id uuid NOT NULL UNIQUE REFERENCES care_estimates(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  requested_cents bigint NOT NULL CHECK (requested_cents > 0),
  requested_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Card payments of a deposit: the same processor as bill payments, but held, not in the ledger.
CREATE TABLE care_deposit_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deposit_id uuid NOT NULL REFERENCES care_deposits(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  processor text NOT NULL CHECK (processor IN ('test', 'stripe')),
  processor_ref text,
  status text NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed')),
  failure_code text,
  card_brand text,
  card_last4 text CHECK (card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'),
  idempotency_key text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (patient_id, idempotency_key)
);
CREATE INDEX care_deposit_payments_deposit ON care_deposit_payments (deposit_id);

-- Reconciliation: held money applied to a charge of the episode (a ledger credit) or refunded.
CREATE TABLE care_deposit_settlements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deposit_id uuid NOT NULL REFERENCES care_deposits(id),
  kind text NOT NULL CHECK (kind IN ('applied', 'refunded')),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  charge_entry_id uuid REFERENCES ledger_entries(id),
  ledger_entry_id uuid REFERENCES ledger_entries(id),
  deposit_payment_id uuid REFERENCES care_deposit_payments(id),
  processor_ref text,
  idempotency_key text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'applied') = (charge_entry_id IS NOT NULL AND ledger_entry_id IS NOT NULL)),
  CHECK ((kind = 'refunded') = (deposit_payment_id IS NOT NULL))
);
-- One request key settles once: an application once, a refund once per card payment it draws on.
CREATE UNIQUE INDEX care_deposit_applied_key ON care_deposit_settlements (deposit_id, idempotency_key)
  WHERE kind = 'applied';
CREATE UNIQUE INDEX care_deposit_refunded_key ON care_deposit_settlements (deposit_id, idempotency_key, deposit_payment_id)
  WHERE kind = 'refunded';
