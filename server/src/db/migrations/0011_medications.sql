-- Medications and refill requests, shaped like FHIR R4 MedicationRequest: the prescriptions on a
-- patient's list, the pharmacies the patient has saved, and refill requests with their decision.
-- A refill is its own row with a status, never an edit of the prescription, so the history of who
-- asked, who decided what and why stays whole.

CREATE TABLE medication_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  prescriber_id uuid NOT NULL REFERENCES clinicians(id),
  medication_name text NOT NULL CHECK (length(btrim(medication_name)) BETWEEN 1 AND 200),
  -- Strength and form as the patient reads them on the label, e.g. "10 mg tablet".
  strength text NOT NULL CHECK (length(btrim(strength)) BETWEEN 1 AND 100),
  -- The sig: "Take 1 tablet by mouth once a day".
  directions text NOT NULL CHECK (length(btrim(directions)) BETWEEN 1 AND 1000),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  quantity_unit text NOT NULL CHECK (length(btrim(quantity_unit)) BETWEEN 1 AND 30),
  days_supply integer CHECK (days_supply BETWEEN 1 AND 365),
  refills_authorized integer NOT NULL CHECK (refills_authorized BETWEEN 0 AND 99),
  refills_remaining integer NOT NULL CHECK (refills_remaining >= 0 AND refills_remaining <= refills_authorized),
  last_filled_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on-hold', 'stopped', 'completed')),
  -- DEA schedule of a controlled substance; null for everything else.
  controlled_schedule text CHECK (controlled_schedule IN ('II', 'III', 'IV', 'V')),
  started_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, patient_id)
);
CREATE INDEX medication_requests_patient_idx ON medication_requests (patient_id, medication_name);

CREATE TABLE patient_pharmacies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  address_line1 text NOT NULL CHECK (length(btrim(address_line1)) BETWEEN 1 AND 200),
  address_line2 text CHECK (length(btrim(address_line2)) BETWEEN 1 AND 200),
  city text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 100),
  state text NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
  postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
  phone text NOT NULL CHECK (length(btrim(phone)) BETWEEN 7 AND 30),
  -- The pharmacy's NCPDP provider id, when the patient knows it (e-prescribing uses it).
  ncpdp_id text CHECK (ncpdp_id ~ '^[0-9]{7}$'),
  preferred boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Removed pharmacies stay for the refill requests that name them.
  removed_at timestamptz,
  UNIQUE (id, patient_id),
  CHECK (NOT (preferred AND removed_at IS NOT NULL))
);
CREATE INDEX patient_pharmacies_patient_idx ON patient_pharmacies (patient_id) WHERE removed_at IS NULL;
-- At most one preferred pharmacy per patient.
CREATE UNIQUE INDEX patient_pharmacies_one_preferred ON patient_pharmacies (patient_id) WHERE preferred;

CREATE TABLE refill_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  medication_request_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  pharmacy_id uuid NOT NULL,
  note text CHECK (length(btrim(note)) BETWEEN 1 AND 1000),
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'approved', 'denied', 'visit-needed', 'cancelled')),
  -- The patient, or a proxy acting for them.
  requested_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Who approved, denied or asked for a visit (or the patient side, for a cancellation), and when.
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  approved_quantity integer CHECK (approved_quantity BETWEEN 1 AND 10000),
  decision_reason text CHECK (length(btrim(decision_reason)) BETWEEN 1 AND 1000),
  -- The prescription and the pharmacy both belong to the same patient as the request.
  FOREIGN KEY (medication_request_id, patient_id) REFERENCES medication_requests (id, patient_id),
  FOREIGN KEY (pharmacy_id, patient_id) REFERENCES patient_pharmacies (id, patient_id),
  CHECK ((status = 'requested') = (decided_at IS NULL)),
  CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (approved_quantity IS NOT NULL)),
  CHECK (status NOT IN ('denied', 'visit-needed') OR decision_reason IS NOT NULL)
);
-- At most one open request per prescription: a double click or two proxies cannot ask twice.
CREATE UNIQUE INDEX refill_requests_one_open ON refill_requests (medication_request_id) WHERE status = 'requested';
CREATE INDEX refill_requests_patient_idx ON refill_requests (patient_id, created_at DESC);
CREATE INDEX refill_requests_open_idx ON refill_requests (created_at) WHERE status = 'requested';
CREATE INDEX refill_requests_medication_idx ON refill_requests (medication_request_id, created_at DESC);
