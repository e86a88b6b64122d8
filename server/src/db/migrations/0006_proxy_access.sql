-- Proxy access (FHIR RelatedPerson): another account acts for a patient, fully or for some areas.
CREATE TABLE proxy_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients(id),
  proxy_user_id uuid NOT NULL REFERENCES users(id),
  relationship text NOT NULL
    CHECK (relationship IN ('parent', 'guardian', 'spouse', 'partner', 'child', 'caregiver', 'other')),
  access text NOT NULL CHECK (access IN ('full', 'limited')),
  -- What a limited grant reaches.
  areas text[] NOT NULL DEFAULT ARRAY['appointments', 'billing']
    CHECK (areas <@ ARRAY['appointments', 'messages', 'results', 'medications', 'billing', 'profile']),
  ends_on date,
  granted_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  -- A 12–17-year-old agreed that their parent keeps full access.
  teen_consent_at timestamptz
);
CREATE UNIQUE INDEX proxy_grants_active_idx ON proxy_grants (patient_id, proxy_user_id) WHERE revoked_at IS NULL;
CREATE INDEX proxy_grants_proxy_idx ON proxy_grants (proxy_user_id) WHERE revoked_at IS NULL;

-- Whose record this session has open (null: the account's own).
ALTER TABLE sessions ADD COLUMN acting_for_patient_id uuid REFERENCES patients(id);
