-- Alert lists: document hashes only (keyed hashes made at the posts), never document numbers.
-- added_at lets a re-scan after a restart match only events that arrived once the hash was listed.
CREATE TABLE alert_list (
  id          text PRIMARY KEY,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_list_hash (
  list_id   text NOT NULL REFERENCES alert_list (id) ON DELETE CASCADE,
  hash      text NOT NULL,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, hash)
);
