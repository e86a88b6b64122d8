-- Virtual visits: one FHIR-shaped Encounter (class VR) per video or phone appointment, the
-- patient's e-check-in, guest and interpreter invitations, and who is connected right now.

CREATE TABLE encounters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appointment_id uuid NOT NULL UNIQUE REFERENCES appointments(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  clinician_id uuid NOT NULL REFERENCES clinicians(id),
  -- FHIR R4 Encounter.status (no-show is recorded as cancelled with outcome no_show).
  status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'arrived', 'in-progress', 'finished', 'cancelled')),
  -- The patient pressed Start and is in the waiting room since then.
  waiting_since timestamptz,
  admitted_at timestamptz,
  ended_at timestamptz,
  -- How the visit is being held right now; the clinician may switch to phone at any time.
  modality text NOT NULL DEFAULT 'video' CHECK (modality IN ('video', 'phone')),
  -- Set once media flowed both ways by video; decides "completed by video" against "by phone".
  video_connected_at timestamptz,
  -- The number the clinician calls when the visit moves to phone.
  phone_number text CHECK (length(phone_number) <= 40),
  running_late_minutes integer CHECK (running_late_minutes BETWEEN 0 AND 240),
  cant_connect_at timestamptz,
  -- The modality actually used, which billing reads.
  outcome text CHECK (outcome IN ('completed_video', 'completed_phone', 'technical_failure', 'no_show', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('finished', 'cancelled')) = (outcome IS NOT NULL))
);
CREATE INDEX encounters_clinician_idx ON encounters (clinician_id, created_at);

CREATE TABLE encounter_status_history (
  id bigserial PRIMARY KEY,
  encounter_id uuid NOT NULL REFERENCES encounters(id),
  status text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  note text NOT NULL DEFAULT ''
);
CREATE INDEX encounter_status_history_idx ON encounter_status_history (encounter_id, id);

CREATE TABLE visit_check_ins (
  encounter_id uuid PRIMARY KEY REFERENCES encounters(id),
  -- Where the patient says they are right now (ISO 3166 country, and a US state when in the US).
  location_country text NOT NULL CHECK (location_country ~ '^[A-Z]{2}$'),
  location_region text CHECK (location_region ~ '^[A-Z]{2}$'),
  location_allowed boolean NOT NULL,
  medications_confirmed boolean NOT NULL,
  questions text NOT NULL DEFAULT '' CHECK (length(questions) <= 2000),
  contact_phone text NOT NULL CHECK (length(contact_phone) BETWEEN 7 AND 40),
  insurance_confirmed boolean NOT NULL,
  consent_version text NOT NULL,
  consent_accepted_at timestamptz NOT NULL,
  interpreter_language text CHECK (interpreter_language ~ '^[a-z]{2,3}$'),
  checked_in_by uuid REFERENCES users(id),
  checked_in_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visit_guests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  encounter_id uuid NOT NULL REFERENCES encounters(id),
  kind text NOT NULL CHECK (kind IN ('guest', 'interpreter')),
  -- SHA-256 of the 128-bit link token; the token itself is shown once and never stored.
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  email citext,
  language text CHECK (language ~ '^[a-z]{2,3}$'),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  -- The person holding the link right now: one at a time.
  holder_hash text UNIQUE,
  holder_name text CHECK (length(holder_name) BETWEEN 1 AND 80),
  claimed_at timestamptz
);
CREATE INDEX visit_guests_encounter_idx ON visit_guests (encounter_id);

-- Live connections to a visit, across server instances.
CREATE TABLE visit_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  encounter_id uuid NOT NULL REFERENCES encounters(id),
  role text NOT NULL CHECK (role IN ('patient', 'clinician', 'guest', 'interpreter', 'staff')),
  user_id uuid REFERENCES users(id),
  guest_id uuid REFERENCES visit_guests(id),
  display_name text NOT NULL,
  instance_id text NOT NULL,
  admitted boolean NOT NULL DEFAULT false,
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  CHECK (user_id IS NOT NULL OR guest_id IS NOT NULL)
);
CREATE INDEX visit_participants_live_idx ON visit_participants (encounter_id) WHERE left_at IS NULL;

-- Signaling messages too large for a NOTIFY payload wait here for the other instances.
CREATE TABLE visit_signal_relay (
  id bigserial PRIMARY KEY,
  payload text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
