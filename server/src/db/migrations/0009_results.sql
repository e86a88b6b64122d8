-- Test results, shaped like FHIR R4: a DiagnosticReport (a panel, an imaging or pathology
-- report) and its Observations (one analyte each). A report becomes visible to the patient at
-- released_at: at once by default, later when the organization holds that kind of result, or
-- earlier when a clinician releases it by hand.

CREATE TABLE diagnostic_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (category IN ('lab', 'imaging', 'pathology')),
  status text NOT NULL CHECK (status IN ('preliminary', 'final', 'amended', 'corrected')),
  effective_at timestamptz NOT NULL,
  issued_at timestamptz NOT NULL,
  ordering_clinician_id uuid REFERENCES clinicians(id),
  conclusion text CHECK (length(conclusion) <= 20000),
  -- The clinician's note to the patient about this result.
  patient_comment text CHECK (length(btrim(patient_comment)) BETWEEN 1 AND 5000),
  comment_by uuid REFERENCES users(id),
  comment_at timestamptz,
  released_at timestamptz NOT NULL,
  -- Who released it before the hold ended (null: released by the organization's rule).
  released_by uuid REFERENCES users(id),
  source text NOT NULL CHECK (source IN ('entered', 'fhir', 'demo')),
  -- The sending system's identifier (FHIR DiagnosticReport.identifier or id), so a bundle
  -- imported twice is refused instead of doubling the patient's results.
  external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, patient_id),
  UNIQUE (patient_id, external_id),
  CHECK ((patient_comment IS NULL) = (comment_at IS NULL))
);
CREATE INDEX diagnostic_reports_patient_idx ON diagnostic_reports (patient_id, effective_at DESC);

CREATE TABLE observations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL,
  -- Kept beside report_id for the trend index; the composite key keeps the two consistent.
  patient_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  value_numeric double precision CHECK (value_numeric = value_numeric AND abs(value_numeric) < 1e12),
  value_text text CHECK (length(value_text) BETWEEN 1 AND 2000),
  unit text CHECK (length(unit) BETWEEN 1 AND 30),
  ref_low double precision,
  ref_high double precision,
  ref_text text CHECK (length(ref_text) BETWEEN 1 AND 100),
  interpretation text CHECK (interpretation IN ('H', 'L', 'HH', 'LL', 'A', 'N')),
  effective_at timestamptz NOT NULL,
  FOREIGN KEY (report_id, patient_id) REFERENCES diagnostic_reports (id, patient_id),
  UNIQUE (report_id, position),
  -- A value is a number or text, never both, never neither; a number always has its unit.
  CHECK ((value_numeric IS NULL) <> (value_text IS NULL)),
  CHECK (value_numeric IS NULL OR unit IS NOT NULL),
  CHECK (ref_low IS NULL OR ref_high IS NULL OR ref_low <= ref_high)
);
CREATE INDEX observations_trend_idx ON observations (patient_id, code, effective_at);
