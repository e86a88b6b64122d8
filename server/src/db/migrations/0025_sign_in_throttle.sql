-- Sign-in throttling with growing delays instead of a hard account lock anyone could trigger.
-- Keyed by a hash of the typed email (whether or not an account uses it, so answers cannot tell
-- the two apart) and by the client address. users.failed_login_count / locked_until stay for
-- old rows but are no longer written.
CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY CHECK (key ~ '^(email|address):'),
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  blocked_until timestamptz,
  owner_told_at timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_throttle_stale_idx ON sign_in_throttle (last_failure_at);

-- One-time sign-in links by email: the way in for an owner whose password sign-in is throttled.
ALTER TABLE email_tokens DROP CONSTRAINT IF EXISTS email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
  CHECK (purpose IN ('verify_email', 'reset_password', 'sign_in_link'));
