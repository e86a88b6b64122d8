-- SMART App Launch authorization server (docs/decisions/0024).

-- Third-party apps an admin registered. Secrets are kept sealed (AES-256-GCM under the file master key).
CREATE TABLE smart_apps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id text NOT NULL UNIQUE CHECK (length(client_id) BETWEEN 8 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- public: browser or phone app (PKCE, no secret); confidential: a server with a key or a secret;
  -- backend: a system client (client credentials, private_key_jwt, system/ scopes, no patient).
  kind text NOT NULL CHECK (kind IN ('public', 'confidential', 'backend')),
  auth_method text NOT NULL CHECK (auth_method IN ('none', 'private_key_jwt', 'client_secret_basic')),
  redirect_uris jsonb NOT NULL DEFAULT '[]',
  jwks_uri text,
  client_secret_sealed text,
  scopes text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  CHECK ((auth_method = 'none') = (kind = 'public')),
  CHECK (auth_method <> 'private_key_jwt' OR jwks_uri IS NOT NULL),
  CHECK (auth_method <> 'client_secret_basic' OR client_secret_sealed IS NOT NULL)
);

-- What a person approved for an app: whose record, which scopes; revoked by the person or with the app.
CREATE TABLE smart_grants (
  grant_id text PRIMARY KEY,
  app_id uuid NOT NULL REFERENCES smart_apps(id),
  user_id uuid NOT NULL REFERENCES users(id),
  patient_id uuid REFERENCES patients(id),
  scopes text NOT NULL,
  -- A proxy with limited access: the resource types their grant covers; null means every type.
  allowed_types jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX smart_grants_user ON smart_grants (user_id, created_at DESC);
CREATE INDEX smart_grants_patient ON smart_grants (patient_id, created_at DESC);
CREATE INDEX smart_grants_app ON smart_grants (app_id) WHERE revoked_at IS NULL;

-- oidc-provider's storage (codes, tokens, sessions, interactions, grants), shared by every instance.
CREATE TABLE smart_oidc_store (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  uid text,
  user_code text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX smart_oidc_store_grant ON smart_oidc_store (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX smart_oidc_store_uid ON smart_oidc_store (uid) WHERE uid IS NOT NULL;
CREATE INDEX smart_oidc_store_user_code ON smart_oidc_store (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX smart_oidc_store_expires ON smart_oidc_store (expires_at) WHERE expires_at IS NOT NULL;

-- The token-signing key and cookie keys: made once by whichever instance starts first, sealed.
CREATE TABLE smart_keys (
  name text PRIMARY KEY,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
