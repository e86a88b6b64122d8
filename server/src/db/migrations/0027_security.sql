-- Security (issue 13): insurance plans belong to an organization; a hash-chained audit log;
-- encrypted identifiers and an envelope-encrypted file store.

-- 1. Each organization keeps its own plan catalog; another organization's plan is a 404.
-- Existing plans go to the oldest organization and are copied to every other one, and each
-- coverage is pointed at the copy in its patient's organization (bills point at coverages, not plans).
ALTER TABLE insurance_plans ADD COLUMN organization_id uuid REFERENCES organizations(id);
UPDATE insurance_plans SET organization_id = (SELECT id FROM organizations ORDER BY created_at, id LIMIT 1);
ALTER TABLE insurance_plans DROP CONSTRAINT insurance_plans_payer_name_plan_name_key;
INSERT INTO insurance_plans (organization_id, payer_name, plan_name, payer_category, virtual_visit_cost,
  virtual_visit_copay_cents, requires_pcp_referral, active, created_at)
SELECT o.id, p.payer_name, p.plan_name, p.payer_category, p.virtual_visit_cost, p.virtual_visit_copay_cents,
  p.requires_pcp_referral, p.active, p.created_at
FROM insurance_plans p CROSS JOIN organizations o
WHERE o.id <> p.organization_id;
UPDATE coverages c SET plan_id = np.id
FROM patients pt, insurance_plans op, insurance_plans np
WHERE pt.id = c.patient_id AND op.id = c.plan_id AND op.organization_id <> pt.organization_id
  AND np.organization_id = pt.organization_id AND np.payer_name = op.payer_name AND np.plan_name = op.plan_name;
DELETE FROM insurance_plans WHERE organization_id IS NULL;
ALTER TABLE insurance_plans ALTER COLUMN organization_id SET NOT NULL;
ALTER TABLE insurance_plans ADD CONSTRAINT insurance_plans_org_payer_plan UNIQUE (organization_id, payer_name, plan_name);

-- 2. The audit log is a hash chain. Each row appended from now on carries a sequence number and
-- SHA-256(previous hash | the row's canonical form); `npm run audit:verify` recomputes it. The one
-- row of audit_chain_head is updated in the same transaction as each append: its row lock
-- serializes appends across connections and server processes, so the chain has no forks or gaps.
-- Rows written before this migration have no sequence; they stay, outside the chain.
ALTER TABLE audit_events
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text CHECK (prev_hash IS NULL OR prev_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN hash text CHECK (hash IS NULL OR hash ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT audit_events_chained CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
CREATE UNIQUE INDEX audit_events_seq_idx ON audit_events (seq) WHERE seq IS NOT NULL;
CREATE TABLE audit_chain_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- The newest row written before the chain began (verify starts after it).
  legacy_max_id bigint NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash, legacy_max_id)
SELECT 1, 0, repeat('0', 64), coalesce(max(id), 0) FROM audit_events;
-- Reports by patient, user and time read these.
CREATE INDEX audit_events_acting_for_idx ON audit_events (acting_for_patient_id, id DESC);
