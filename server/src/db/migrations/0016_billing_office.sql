-- The billing office: payments taken by phone or mail, refunds and adjustments, each once per
-- request key, and payment reminders (never for an amount under dispute).

ALTER TABLE ledger_entries ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX ledger_entry_key ON ledger_entries (patient_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX ledger_refunds_of_payment ON ledger_entries (payment_id) WHERE entry_type = 'refund';

CREATE TABLE billing_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  amount_due_cents bigint NOT NULL CHECK (amount_due_cents > 0),
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_reminders_patient ON billing_reminders (patient_id, sent_at DESC);
