-- One table of stored answers for every create a client may retry (docs/decisions/0020).
-- A key belongs to one user, or to the anonymous scope (public registration) when there is no
-- user; only its SHA-256 is kept. The row is written in the same transaction as the create it
-- answers, so a committed create always has its key and a key always has its create.
CREATE TABLE idempotent_requests (
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  key_hash text NOT NULL CHECK (length(key_hash) = 64),
  operation text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX idempotent_requests_user_key ON idempotent_requests (user_id, key_hash) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX idempotent_requests_anonymous_key ON idempotent_requests (key_hash) WHERE user_id IS NULL;
CREATE INDEX idempotent_requests_created ON idempotent_requests (created_at);

-- Booking's keys move over (still claimed; a retry within the day is answered from here).
INSERT INTO idempotent_requests (user_id, key_hash, operation, request_hash, status_code, response, created_at)
SELECT user_id, encode(sha256(convert_to(key, 'UTF8')), 'hex'), 'appointment.book', request_hash, status_code,
       response, created_at
  FROM idempotency_keys;
-- idempotency_keys is no longer written; a later migration drops it once no older instance runs.
