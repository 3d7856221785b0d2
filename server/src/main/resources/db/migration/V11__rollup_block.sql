-- Rollups stored one row per post and post-local day (docs/decisions/010): rollup_block holds
-- every cell of a post's day in one text value, cells sorted by key and separated by ';', each
-- cell "<dimensions> <value> <events>" where <dimensions> is the V9 key
--   post|type|workstation|outcome|document_type|fraud_type|issuing_country|nationality|reason|direction|hour
-- (ids are [A-Za-z0-9._-], vocabulary values and country codes hold no ' ', ';' or '|').
-- The rollup writer rewrites the blocks a flush touches, so a 1,000-event batch of history costs
-- a dozen block writes instead of one index upsert per distinct cell (hundreds on sparse history).
-- rollup_day stays as a read-only view of the cells, for people and tools that query it.
CREATE TABLE rollup_block (
  local_day  date NOT NULL,
  post_id    text COLLATE "C" NOT NULL,
  cells      text COLLATE "C" NOT NULL,
  PRIMARY KEY (local_day, post_id)
);

INSERT INTO rollup_block (local_day, post_id, cells)
SELECT local_day, split_part(dimensions, '|', 1),
       string_agg(dimensions || ' ' || value || ' ' || events, ';' ORDER BY dimensions)
FROM rollup_day
GROUP BY 1, 2;

DROP TABLE rollup_day;

CREATE VIEW rollup_day AS
SELECT b.local_day,
       split_part(c.cell, ' ', 1) COLLATE "C" AS dimensions,
       split_part(c.cell, ' ', 2)::bigint AS value,
       split_part(c.cell, ' ', 3)::bigint AS events
FROM rollup_block b, LATERAL unnest(string_to_array(b.cells, ';')) AS c(cell);
