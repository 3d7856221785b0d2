-- rollup_day keyed by (local_day, dimensions): one "C"-collated text column holding the post,
-- the event type and the eight dimension values, '|'-separated in this order:
--   post|type|workstation|outcome|document_type|fraud_type|issuing_country|nationality|reason|direction
-- ('' when absent; post and workstation ids are [A-Za-z0-9._-], vocabulary values and country
-- codes hold no '|', so the key is exact). It replaces the eleven-column primary key: the ingest
-- upsert probes and inserts a two-column index compared with memcmp instead of eleven
-- locale-aware text columns, and the narrower row writes less WAL (docs/decisions/006).
-- fillfactor 70 leaves room on each page so most updates of value/events/version are HOT
-- (no new index entry), which is what a live post's batches do.
CREATE TABLE rollup_day_v5 (
  local_day   date NOT NULL,
  dimensions  text COLLATE "C" NOT NULL,
  value       bigint NOT NULL,
  events      bigint NOT NULL,
  version     bigint NOT NULL DEFAULT 1,
  CONSTRAINT rollup_day_v5_pkey PRIMARY KEY (local_day, dimensions)
) WITH (fillfactor = 70);

INSERT INTO rollup_day_v5 (local_day, dimensions, value, events, version)
SELECT local_day, concat_ws('|', post_id, type, workstation_id, outcome, document_type, fraud_type, issuing_country,
    nationality, reason, direction), value, events, version
FROM rollup_day;

DROP TABLE rollup_day;
ALTER TABLE rollup_day_v5 RENAME TO rollup_day;
ALTER TABLE rollup_day RENAME CONSTRAINT rollup_day_v5_pkey TO rollup_day_pkey;
