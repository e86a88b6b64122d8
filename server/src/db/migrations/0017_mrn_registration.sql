-- Medical record numbers, registrations of new patients (with duplicate review), opening hours
-- per organization, and technical-help requests.

-- An MRN is 8 digits from a sequence plus one mod-11 check digit (weights 9..2 on the 8 digits,
-- the check digit weighs 1). A number whose check would be 10 is skipped, so every MRN is 9 plain
-- digits; the scheme catches every single-digit typo and every swap of two neighbouring digits.
-- The sequence never cycles and patients are never deleted, so an MRN is never reused.
CREATE SEQUENCE patient_mrn_seq AS bigint START 10000000 MINVALUE 10000000 MAXVALUE 99999999 NO CYCLE;

CREATE FUNCTION mrn_check_digit(base bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT ((11 - (sum(substr(lpad(base::text, 8, '0'), i, 1)::int * (10 - i)) % 11)) % 11)::int
  FROM generate_series(1, 8) AS i
$$;

CREATE FUNCTION next_mrn() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n bigint;
  c integer;
BEGIN
  LOOP
    n := nextval('patient_mrn_seq');
    c := mrn_check_digit(n);
    IF c < 10 THEN
      RETURN n::text || c::text;
    END IF;
  END LOOP;
END
$$;

-- Every path that creates a patient (sign-up, staff, registration, demo data) gets one from the
-- column default; existing rows are numbered by the same default as the column is added.
ALTER TABLE patients ADD COLUMN mrn text DEFAULT next_mrn();
ALTER TABLE patients ALTER COLUMN mrn SET NOT NULL;
ALTER TABLE patients ADD CONSTRAINT patients_mrn_key UNIQUE (mrn);
ALTER TABLE patients ADD CONSTRAINT patients_mrn_format CHECK (mrn ~ '^[1-9][0-9]{8}$');

CREATE FUNCTION patients_mrn_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.mrn IS DISTINCT FROM OLD.mrn THEN
    RAISE EXCEPTION 'a medical record number never changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER patients_mrn_immutable BEFORE UPDATE OF mrn ON patients
  FOR EACH ROW EXECUTE FUNCTION patients_mrn_immutable();

-- Duplicate checks look up an organization's patients born on one day.
CREATE INDEX patients_org_birth_idx ON patients (organization_id, birth_date);

CREATE TABLE registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  source text NOT NULL CHECK (source IN ('online', 'staff')),
  -- registered: a new patient was created at once; possible_duplicate: waiting for staff;
  -- confirmed: staff made it a new patient; merged: staff matched it to an existing patient.
  status text NOT NULL CHECK (status IN ('registered', 'possible_duplicate', 'confirmed', 'merged')),
  patient_id uuid REFERENCES patients(id),
  candidate_patient_ids uuid[] NOT NULL DEFAULT ARRAY[]::uuid[],
  given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  birth_date date NOT NULL,
  sex text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  email citext,
  phone text,
  preferred_language text NOT NULL,
  address_line1 text,
  address_line2 text,
  address_city text,
  address_region text,
  address_postal_code text,
  address_country text NOT NULL CHECK (address_country ~ '^[A-Z]{2}$'),
  -- Insurance as the person gave it; registrars verify it before it becomes a coverage.
  payment text NOT NULL CHECK (payment IN ('insurance', 'self_pay')),
  payer_name text,
  plan_name text,
  member_id text,
  created_by uuid REFERENCES users(id),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CHECK ((status = 'possible_duplicate') = (patient_id IS NULL)),
  CHECK ((status IN ('confirmed', 'merged')) = (decided_at IS NOT NULL)),
  CHECK (payment = 'self_pay' OR (payer_name IS NOT NULL AND member_id IS NOT NULL))
);
CREATE INDEX registrations_queue_idx ON registrations (organization_id, status, created_at);

-- Weekly opening hours, in the organization's own time zone (organizations.time_zone).
CREATE TABLE service_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  kind text NOT NULL CHECK (kind IN ('registration', 'tech_help')),
  -- ISO weekday: 1 = Monday ... 7 = Sunday.
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL,
  CHECK (closes > opens),
  UNIQUE (organization_id, kind, weekday, opens)
);

-- A patient's request for technical help; the conversation itself is a secure-message thread.
CREATE TABLE support_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  topic text NOT NULL CHECK (topic IN ('visit', 'account')),
  appointment_id uuid REFERENCES appointments(id),
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 4000),
  thread_id uuid NOT NULL REFERENCES message_threads(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_requests_queue_idx ON support_requests (organization_id, created_at DESC);
CREATE INDEX support_requests_patient_idx ON support_requests (patient_id, created_at DESC);
