-- Day-level rollups, kept in the same transaction as the events they count.
-- One row per post-local day x post x every dimension value combination ('' = absent).
-- value: document checks (1 each), interceptions (persons), crossings (travellers).
-- version: bumped on every change; a node applies a row's value only when its version is newer,
-- so deltas and reloads converge whatever their order.
CREATE TABLE rollup_day (
  local_day        date NOT NULL,
  post_id          text NOT NULL,
  type             smallint NOT NULL,
  workstation_id   text NOT NULL,
  outcome          text NOT NULL,
  document_type    text NOT NULL,
  fraud_type       text NOT NULL,
  issuing_country  text NOT NULL,
  nationality      text NOT NULL,
  reason           text NOT NULL,
  direction        text NOT NULL,
  value            bigint NOT NULL,
  events           bigint NOT NULL,
  version          bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (local_day, post_id, type, workstation_id, outcome, document_type, fraud_type, issuing_country,
    nationality, reason, direction)
);

-- Existing events (from before this migration) are rolled up once.
INSERT INTO rollup_day (local_day, post_id, type, workstation_id, outcome, document_type, fraud_type,
  issuing_country, nationality, reason, direction, value, events)
SELECT local_day, post_id,
  CASE type WHEN 'document_check' THEN 0 WHEN 'interception' THEN 1 ELSE 2 END,
  coalesce(workstation_id, ''), coalesce(outcome, ''), coalesce(document_type, ''), coalesce(fraud_type, ''),
  coalesce(issuing_country, ''), coalesce(nationality, ''), coalesce(reason, ''), coalesce(direction, ''),
  sum(CASE type WHEN 'document_check' THEN 1 WHEN 'interception' THEN persons ELSE count END), count(*)
FROM event
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
