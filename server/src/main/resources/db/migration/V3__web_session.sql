-- Web app sessions: the browser holds a random id in an HttpOnly cookie; only its SHA-256 is kept.
CREATE TABLE web_session (
  id_hash     bytea PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('admin', 'post')),
  post_id     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);
