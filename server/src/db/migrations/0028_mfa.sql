-- Second factor (issue 13, item 1): TOTP, recovery codes, passkeys, factor locks, the pending
-- state between password and second factor, trusted devices and step-up re-authentication.

-- One authenticator app per account. The secret is AES-256-GCM encrypted with a key from outside
-- the database (PORTICO_MFA_KEY); last_time_step refuses a code used again within its window.
CREATE TABLE mfa_totp (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed text NOT NULL,
  confirmed_at timestamptz,
  last_time_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Ten single-use recovery codes, kept only as SHA-256 (each code carries 50 random bits).
CREATE TABLE mfa_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);

-- WebAuthn credentials (passkeys and security keys).
CREATE TABLE webauthn_credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  public_key bytea NOT NULL,
  sign_count bigint NOT NULL DEFAULT 0,
  transports text NOT NULL DEFAULT '',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  backed_up boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (user_id);

-- WebAuthn challenges: server-side, single use, short-lived.
CREATE TABLE webauthn_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge text NOT NULL UNIQUE,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('register', 'second_factor', 'sign_in', 'step_up')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Wrong codes per factor: after a few the factor (not the account) locks for a while.
CREATE TABLE mfa_factor_locks (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  factor text NOT NULL CHECK (factor IN ('totp', 'recovery')),
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until timestamptz,
  PRIMARY KEY (user_id, factor)
);

-- Password accepted, second factor still to come: no session, no patient data.
CREATE TABLE mfa_pending_sign_ins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz
);

-- "Trust this device for 30 days": the cookie is signed; this row lets it be revoked.
CREATE TABLE mfa_trusted_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX mfa_trusted_devices_user_idx ON mfa_trusted_devices (user_id) WHERE revoked_at IS NULL;

-- Step-up: when this session last proved who is at the keyboard (sign-in or re-authentication).
ALTER TABLE sessions ADD COLUMN reauthenticated_at timestamptz;
UPDATE sessions SET reauthenticated_at = created_at WHERE ended_at IS NULL;
ALTER TABLE sessions ALTER COLUMN reauthenticated_at SET DEFAULT now();

-- Per-organization policy: roles that must use a second factor. NULL = the server default
-- (PORTICO_MFA_REQUIRED_ROLES).
ALTER TABLE organizations ADD COLUMN mfa_required_roles text[];
