-- Rollups are written behind the ingest transaction (docs/decisions/010): an ingest transaction
-- stores the batch row and its events only; the rollup writer folds committed batches into
-- rollup_day in its own transactions, each marking the batches it folded as rolled. At start
-- the writer folds any batch not yet rolled (a crash between commit and fold) from its events.
-- Existing batches are already in rollup_day: they are rolled (the column default true, a
-- metadata-only change), new batches are not (the default switches to false).
ALTER TABLE ingest_batch ADD COLUMN rolled boolean NOT NULL DEFAULT true;
ALTER TABLE ingest_batch ALTER COLUMN rolled SET DEFAULT false;
CREATE INDEX ingest_batch_unrolled ON ingest_batch (seq) WHERE NOT rolled;
