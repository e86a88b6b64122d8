-- Workforce single sign-on through the hospital's OpenID Connect provider (docs/decisions/0032).

-- A Portico account is linked to one person at one provider by (issuer, sub), never by email alone.
CREATE TABLE sso_identities (
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  -- One identity per account at each provider: a second sub for the same account is refused.
  CONSTRAINT sso_identities_one_per_user UNIQUE (issuer, user_id)
);

-- A sign-in under way: the browser holds the state in a cookie, the server the nonce and the PKCE
-- verifier. Used once (deleted when the provider sends the browser back), gone after 10 minutes.
CREATE TABLE sso_logins (
  state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sso_logins_expires_idx ON sso_logins (expires_at);

-- Which Portico sessions began at the provider, and how the person proved who they were there
-- (the ID token's amr, e.g. {pwd,mfa}): such a session counts as multi-factor done at the provider.
CREATE TABLE sso_sessions (
  session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  issuer text NOT NULL,
  amr text[] NOT NULL DEFAULT ARRAY[]::text[],
  acr text,
  created_at timestamptz NOT NULL DEFAULT now()
);
