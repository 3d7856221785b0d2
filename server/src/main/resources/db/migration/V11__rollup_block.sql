-- Rollups stored as blocks of cells per post and post-local day (docs/decisions/010). A block is
-- written in parts: each write of the rollup writer adds one part per block it touches, holding
-- only the cells its batches changed, and the writer merges a block's parts into one when they
-- pass a bound. The sum of a block's parts is the block. cells: in no particular order, separated by ';',
-- each cell "<dimensions> <value> <events>" where <dimensions> is the V9 key
--   post|type|workstation|outcome|document_type|fraud_type|issuing_country|nationality|reason|direction|hour
-- (ids are [A-Za-z0-9._-], vocabulary values and country codes hold no ' ', ';' or '|').
-- A 1,000-event batch of history then costs a dozen short rows instead of one index upsert per
-- distinct cell (hundreds on sparse history), and a live post's day one part per write.
-- part: the first batch sequence number of the write that made it (unique per block).
-- rollup_day stays, as a read-only view summing the parts' cells, for people and tools.
CREATE TABLE rollup_block (
  local_day  date NOT NULL,
  post_id    text COLLATE "C" NOT NULL,
  part       bigint NOT NULL,
  cells      text COLLATE "C" NOT NULL,
  PRIMARY KEY (local_day, post_id, part)
) WITH (toast_tuple_target = 8160);
-- toast_tuple_target: a part is a few KB; below a page it stays inline and uncompressed (no
-- pglz pass on every write); larger merged blocks are compressed as usual.

INSERT INTO rollup_block (local_day, post_id, part, cells)
SELECT local_day, split_part(dimensions, '|', 1), 0,
       string_agg(dimensions || ' ' || value || ' ' || events, ';' ORDER BY dimensions)
FROM rollup_day
GROUP BY 1, 2;

DROP TABLE rollup_day;

CREATE VIEW rollup_day AS
SELECT b.local_day,
       split_part(c.cell, ' ', 1) COLLATE "C" AS dimensions,
       sum(split_part(c.cell, ' ', 2)::bigint)::bigint AS value,
       sum(split_part(c.cell, ' ', 3)::bigint)::bigint AS events
FROM rollup_block b, LATERAL unnest(string_to_array(b.cells, ';')) AS c(cell)
GROUP BY 1, 2;
