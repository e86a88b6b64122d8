-- FHIR Bulk Data Access v2 export (docs/decisions/0034).

-- A backend service may be registered for one organization: it then exports only that
-- organization's patients (null: every organization of the health system).
ALTER TABLE smart_apps ADD COLUMN organization_id uuid REFERENCES organizations(id);
ALTER TABLE smart_apps ADD CONSTRAINT smart_apps_organization_backend CHECK (organization_id IS NULL OR kind = 'backend');

-- One export a backend client started. The job streams patients in id order (keyset) and commits
-- `cursor` with the files' sizes after each batch, so a restarted job resumes where it stopped.
CREATE TABLE bulk_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  app_id uuid NOT NULL REFERENCES smart_apps(id),
  -- Whose patients: one organization (a Group export, or a client bound to one), or null for all.
  organization_id uuid REFERENCES organizations(id),
  group_id uuid,
  level text NOT NULL CHECK (level IN ('group', 'patient')),
  types jsonb NOT NULL,
  since timestamptz,
  request_url text NOT NULL CHECK (length(request_url) <= 4000),
  transaction_time timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  cursor uuid,
  -- The runner working on it now, until when: one runner at a time writes the files, and a
  -- runner whose lease was taken over can no longer commit.
  lease_owner text,
  lease_until timestamptz,
  directory_done boolean NOT NULL DEFAULT false,
  patients_total integer NOT NULL DEFAULT 0,
  patients_done integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  expires_at timestamptz,
  CHECK ((level = 'group') = (group_id IS NOT NULL))
);
CREATE INDEX bulk_exports_app ON bulk_exports (app_id, created_at DESC);
CREATE INDEX bulk_exports_expires ON bulk_exports (expires_at) WHERE expires_at IS NOT NULL;

-- One NDJSON file per resource type, encrypted in the file store (AES-256-GCM records, resumable).
CREATE TABLE bulk_export_files (
  export_id uuid NOT NULL REFERENCES bulk_exports(id) ON DELETE CASCADE,
  resource_type text NOT NULL,
  file_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  wrapped_key text NOT NULL,
  line_count integer NOT NULL DEFAULT 0,
  plain_bytes bigint NOT NULL DEFAULT 0,
  stored_bytes bigint NOT NULL DEFAULT 0,
  records integer NOT NULL DEFAULT 0,
  PRIMARY KEY (export_id, resource_type)
);
