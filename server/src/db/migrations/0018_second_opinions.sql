-- Second-opinion requests (FHIR ServiceRequest) with uploaded records (DocumentReference),
-- stored encrypted on disk; resumable uploads (tus) in progress; tokenized links for the
-- referring physician.

CREATE TABLE second_opinion_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  created_by uuid REFERENCES users(id),
  -- FHIR ServiceRequest.status is coarser; this is the workflow state the patient sees.
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN
    ('submitted', 'records_pending', 'under_review', 'scheduled', 'opinion_delivered', 'closed')),
  service_line_code text NOT NULL REFERENCES service_lines(code),
  condition text NOT NULL CHECK (length(condition) BETWEEN 1 AND 300),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  physician_name text NOT NULL DEFAULT '' CHECK (length(physician_name) <= 200),
  physician_institution text NOT NULL DEFAULT '' CHECK (length(physician_institution) <= 200),
  physician_phone text NOT NULL DEFAULT '' CHECK (length(physician_phone) <= 40),
  physician_email text NOT NULL DEFAULT '' CHECK (length(physician_email) <= 254),
  insurance text NOT NULL DEFAULT '' CHECK (length(insurance) <= 200),
  precert_needed boolean NOT NULL DEFAULT false,
  precert_obtained boolean NOT NULL DEFAULT false,
  precert_reference text NOT NULL DEFAULT '' CHECK (length(precert_reference) <= 100),
  visit_preference text NOT NULL CHECK (visit_preference IN ('video', 'in_person', 'records_only')),
  -- What the patient says they have to send; "no imaging" takes imaging off the checklist.
  has_imaging boolean NOT NULL DEFAULT true,
  has_labs boolean NOT NULL DEFAULT true,
  specialist_id uuid REFERENCES clinicians(id),
  appointment_id uuid REFERENCES appointments(id),
  opinion_text text CHECK (opinion_text IS NULL OR length(opinion_text) <= 20000),
  opinion_by uuid REFERENCES users(id),
  opinion_at timestamptz,
  last_reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((opinion_text IS NULL) = (opinion_at IS NULL))
);
CREATE INDEX second_opinion_requests_patient_idx ON second_opinion_requests (patient_id, created_at DESC);
CREATE INDEX second_opinion_requests_queue_idx ON second_opinion_requests (organization_id, status, service_line_code);

-- Who did what, when: the timeline both sides see.
CREATE TABLE second_opinion_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES second_opinion_requests(id),
  -- clock_timestamp, not now(): several events of one transaction keep their order.
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid REFERENCES users(id),
  -- 'patient' | 'care_team' | 'physician_link' | 'system'
  actor_kind text NOT NULL CHECK (actor_kind IN ('patient', 'care_team', 'physician_link', 'system')),
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'assigned', 'info_requested', 'document_added',
    'scheduled', 'opinion_delivered', 'link_created', 'link_revoked', 'reminded')),
  status text,
  note text CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX second_opinion_events_request_idx ON second_opinion_events (request_id, at);

-- Extra items the care team asked for ("request more information").
CREATE TABLE second_opinion_needs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES second_opinion_requests(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  met_at timestamptz
);
CREATE INDEX second_opinion_needs_request_idx ON second_opinion_needs (request_id);

-- Upload links for the referring physician: only a hash of the token is kept.
CREATE TABLE second_opinion_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES second_opinion_requests(id),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX second_opinion_links_request_idx ON second_opinion_links (request_id);

-- A tus upload still arriving. Invisible to everyone but its uploader; dropped after expires_at.
CREATE TABLE file_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES second_opinion_requests(id),
  category text NOT NULL CHECK (category IN ('records', 'imaging', 'labs', 'precert', 'other')),
  need_id uuid REFERENCES second_opinion_needs(id),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  declared_bytes bigint NOT NULL CHECK (declared_bytes > 0),
  received_bytes bigint NOT NULL DEFAULT 0 CHECK (received_bytes >= 0 AND received_bytes <= declared_bytes),
  stored_bytes bigint NOT NULL DEFAULT 0,
  records integer NOT NULL DEFAULT 0,
  wrapped_key text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_by_kind text NOT NULL CHECK (created_by_kind IN ('patient', 'care_team', 'physician_link')),
  link_id uuid REFERENCES second_opinion_links(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX file_uploads_expires_idx ON file_uploads (expires_at);

-- FHIR DocumentReference: a checked, stored file. The id is also the storage key.
CREATE TABLE document_references (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  request_id uuid NOT NULL REFERENCES second_opinion_requests(id),
  need_id uuid REFERENCES second_opinion_needs(id),
  category text NOT NULL CHECK (category IN ('records', 'imaging', 'labs', 'precert', 'other')),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'application/dicom')),
  filename text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  wrapped_key text NOT NULL,
  dicom_study_date date,
  dicom_modality text,
  dicom_study_description text,
  uploaded_by uuid REFERENCES users(id),
  uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('patient', 'care_team', 'physician_link')),
  link_id uuid REFERENCES second_opinion_links(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_references_request_idx ON document_references (request_id, created_at);
