-- Each instance touches its live connections; rows a crashed instance left behind fall out of
-- the roster once they go stale.
ALTER TABLE visit_participants ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
