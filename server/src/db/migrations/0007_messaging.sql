-- Secure messaging with the care team (FHIR Communication): threads that stay with the patient's
-- record, addressed to a clinician or a department pool, with attachments checked by content.

CREATE TABLE message_pools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  service_line_code text REFERENCES service_lines(code),
  UNIQUE (organization_id, name)
);

CREATE TABLE message_pool_members (
  pool_id uuid NOT NULL REFERENCES message_pools(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (pool_id, user_id)
);

CREATE TABLE message_threads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  topic text NOT NULL CHECK (topic IN ('question', 'appointment', 'billing', 'technical', 'medication')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 150),
  clinician_id uuid REFERENCES clinicians(id),
  pool_id uuid REFERENCES message_pools(id),
  assigned_user_id uuid REFERENCES users(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz NOT NULL DEFAULT now(),
  -- Unread counts for each side, kept with every message and every read.
  unread_for_patient integer NOT NULL DEFAULT 0 CHECK (unread_for_patient >= 0),
  unread_for_care_team integer NOT NULL DEFAULT 0 CHECK (unread_for_care_team >= 0),
  CHECK (clinician_id IS NOT NULL OR pool_id IS NOT NULL)
);
CREATE INDEX message_threads_patient_idx ON message_threads (patient_id, last_message_at DESC);
CREATE INDEX message_threads_inbox_idx ON message_threads (organization_id, status, last_message_at DESC);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id uuid NOT NULL REFERENCES message_threads(id),
  author_user_id uuid NOT NULL REFERENCES users(id),
  -- Who wrote it: the patient (or a proxy for them), or someone on the care team.
  author_side text NOT NULL CHECK (author_side IN ('patient', 'care_team')),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Read receipt: when the other side first opened it.
  read_at timestamptz
);
CREATE INDEX messages_thread_idx ON messages (thread_id, created_at);

CREATE TABLE message_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL REFERENCES messages(id),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  -- Decided from the bytes, never from the name or the browser's claim.
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256 text NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX message_attachments_message_idx ON message_attachments (message_id);
