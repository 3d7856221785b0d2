-- BorderPulse foundation schema: reference data, tokens, events.
-- No names and no raw document numbers are ever stored: a document number arrives only as a
-- keyed hash made at the post (document_hash).

CREATE TABLE region (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE region_country (
  region_id  text NOT NULL REFERENCES region (id) ON DELETE CASCADE,
  country    char(3) NOT NULL,
  PRIMARY KEY (region_id, country)
);

CREATE TABLE post (
  id               text PRIMARY KEY,
  name             text NOT NULL,
  country          char(3) NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('air', 'land', 'sea')),
  time_zone        text NOT NULL,
  operating_hours  text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workstation (
  post_id  text NOT NULL REFERENCES post (id) ON DELETE CASCADE,
  id       text NOT NULL,
  name     text NOT NULL,
  PRIMARY KEY (post_id, id)
);

-- Post tokens, stored as SHA-256 of the token (tokens are 256-bit random, so a fast hash is safe).
CREATE TABLE post_token (
  token_hash  bytea PRIMARY KEY,
  post_id     text NOT NULL REFERENCES post (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- One row per accepted batch: the sequence later readers (rollups, other nodes) follow.
CREATE TABLE ingest_batch (
  seq          bigserial PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  events       integer NOT NULL
);

-- Events as sent, normalised. The id is the client's: a retry hits the primary key and is a
-- duplicate, never a second count. content_hash tells an identical retry from a reused id.
CREATE TABLE event (
  id               text PRIMARY KEY,
  type             text NOT NULL,
  post_id          text NOT NULL,
  workstation_id   text,
  occurred_at      timestamptz NOT NULL,
  local_day        date NOT NULL,
  batch_seq        bigint NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now(),
  outcome          text,
  document_type    text,
  issuing_country  char(3),
  nationality      char(3),
  fraud_type       text,
  document_hash    text,
  direction        text,
  reason           text,
  persons          integer,
  count            integer,
  period_minutes   integer,
  content_hash     bytea NOT NULL
);

CREATE INDEX event_post_day ON event (post_id, local_day);
CREATE INDEX event_batch ON event (batch_seq);
