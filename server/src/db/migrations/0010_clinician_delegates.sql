-- Staff members a clinician trusts to let patients in from the waiting room on their behalf
-- (e.g. a medical assistant rooming patients). Only admission is delegated; the call, phone
-- fallback and the visit's outcome stay with the clinician.
CREATE TABLE clinician_delegates (
  clinician_id uuid NOT NULL REFERENCES clinicians(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinician_id, user_id)
);
CREATE INDEX clinician_delegates_user_idx ON clinician_delegates (user_id);
