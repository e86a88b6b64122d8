-- Directory ("Find a Virtual Visit Doctor"), availability, appointments, requests, durable jobs.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE clinical_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  service_line_code text NOT NULL REFERENCES service_lines(code),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  -- Condition words patients type ("heart rhythm", "afib", "palpitations").
  keywords text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name)
);

ALTER TABLE clinicians
  ADD COLUMN accepting_new_patients boolean NOT NULL DEFAULT true,
  ADD COLUMN visit_modes text[] NOT NULL DEFAULT ARRAY['video', 'phone']
    CHECK (visit_modes <@ ARRAY['video', 'phone', 'in_person'] AND cardinality(visit_modes) > 0),
  ADD COLUMN self_scheduling boolean NOT NULL DEFAULT true,
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  -- Kept in step by the directory repository whenever a clinician or their areas change.
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector,
  ADD COLUMN next_available_at timestamptz;
CREATE INDEX clinicians_search_idx ON clinicians USING gin (search_document);
CREATE INDEX clinicians_search_trgm_idx ON clinicians USING gin (search_text gin_trgm_ops);
CREATE INDEX clinicians_languages_idx ON clinicians USING gin (languages);
CREATE INDEX clinicians_states_idx ON clinicians USING gin (licensed_states);

CREATE TABLE clinician_clinical_areas (
  clinician_id uuid NOT NULL REFERENCES clinicians(id) ON DELETE CASCADE,
  clinical_area_id uuid NOT NULL REFERENCES clinical_areas(id) ON DELETE CASCADE,
  PRIMARY KEY (clinician_id, clinical_area_id)
);
CREATE INDEX clinician_clinical_areas_area_idx ON clinician_clinical_areas (clinical_area_id);

CREATE TABLE visit_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
  mode text NOT NULL CHECK (mode IN ('video', 'phone', 'in_person')),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
  new_patient boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (clinician_id, name)
);

-- Weekly template in the organization's time zone (ISO weekday: 1 = Monday … 7 = Sunday).
CREATE TABLE working_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL,
  CHECK (start_time < end_time)
);
CREATE INDEX working_hours_clinician_idx ON working_hours (clinician_id);

-- Date-specific changes: time off (whole day when no times) or extra hours.
CREATE TABLE schedule_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  on_date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('time_off', 'extra_hours')),
  start_time time,
  end_time time,
  note text NOT NULL DEFAULT '',
  CHECK ((start_time IS NULL AND end_time IS NULL AND kind = 'time_off') OR (start_time < end_time))
);
CREATE INDEX schedule_exceptions_idx ON schedule_exceptions (clinician_id, on_date);

CREATE TABLE holidays (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  on_date date NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (organization_id, on_date)
);

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  visit_type_id uuid NOT NULL REFERENCES visit_types(id),
  mode text NOT NULL CHECK (mode IN ('video', 'phone', 'in_person')),
  -- FHIR R4 Appointment.status
  status text NOT NULL CHECK (status IN ('proposed', 'pending', 'booked', 'arrived', 'fulfilled',
    'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist')),
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  -- The clinician is busy until the end of the buffer after the visit.
  busy_until timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  cancel_reason text,
  rescheduled_from uuid REFERENCES appointments(id),
  CHECK (start_at < end_at AND end_at <= busy_until),
  -- No double-booking, by construction: two active appointments can never overlap for one
  -- clinician (including buffer) or for one patient.
  CONSTRAINT appointments_no_clinician_overlap EXCLUDE USING gist (
    clinician_id WITH =,
    tstzrange(start_at, busy_until, '[)') WITH &&
  ) WHERE (status IN ('pending', 'booked', 'arrived', 'checked-in')),
  CONSTRAINT appointments_no_patient_overlap EXCLUDE USING gist (
    patient_id WITH =,
    tstzrange(start_at, end_at, '[)') WITH &&
  ) WHERE (status IN ('pending', 'booked', 'arrived', 'checked-in'))
);
CREATE INDEX appointments_patient_idx ON appointments (patient_id, start_at);
CREATE INDEX appointments_clinician_idx ON appointments (clinician_id, start_at);
CREATE INDEX appointments_org_start_idx ON appointments (organization_id, start_at);

-- Who did what when, for every appointment change.
CREATE TABLE appointment_events (
  id bigserial PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointments(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX appointment_events_appt_idx ON appointment_events (appointment_id, id);

CREATE TABLE appointment_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  visit_type_id uuid REFERENCES visit_types(id),
  preferred_times text NOT NULL CHECK (length(preferred_times) BETWEEN 1 AND 500),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'booked', 'declined', 'withdrawn')),
  staff_message text,
  appointment_id uuid REFERENCES appointments(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz
);
CREATE INDEX appointment_requests_org_idx ON appointment_requests (organization_id, status, created_at);
CREATE INDEX appointment_requests_patient_idx ON appointment_requests (patient_id, created_at);

-- A retried booking returns the first result instead of making a second appointment.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users(id),
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED, retried with backoff, survive restarts.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- At most one live job per key (e.g. "reminder:<appointment>:1440").
  dedupe_key text UNIQUE,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  locked_until timestamptz,
  locked_by text,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;

-- Calendar files and other attachments sent with a message (name, type, base64 content).
ALTER TABLE mail_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
