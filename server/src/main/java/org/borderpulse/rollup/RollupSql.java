package org.borderpulse.rollup;

/** Every statement of the rollup package. */
interface RollupSql {
  /**
   * A write adds one part to each block it touches, with the cells its batches changed (decision
   * 010); $1 is the part number, the write's first batch sequence number.
   */
  String ADD_PARTS = "INSERT INTO rollup_block (local_day, post_id, part, cells) "
      + "SELECT d, p, $1, c FROM unnest($2::date[], $3::text[], $4::text[]) AS x(d, p, c)";

  /**
   * Takes out every part of the touched blocks that hold more than $3 parts, to be merged into
   * one ({@link #ADD_MERGED}) in the same transaction. Parts another writer adds meanwhile stay.
   */
  String TAKE_FULL_BLOCKS = "DELETE FROM rollup_block b USING ("
      + "SELECT local_day, post_id FROM rollup_block "
      + "WHERE (local_day, post_id) IN (SELECT * FROM unnest($1::date[], $2::text[])) "
      + "GROUP BY 1, 2 HAVING count(*) > $3) full_block "
      + "WHERE b.local_day = full_block.local_day AND b.post_id = full_block.post_id "
      + "RETURNING b.local_day, b.post_id, b.part, b.cells";

  /** The merged parts, one per block, each numbered as the newest part it replaces. */
  String ADD_MERGED = "INSERT INTO rollup_block (local_day, post_id, part, cells) "
      + "SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::text[])";

  /** Marks batches folded into the rollups, in the same transaction as their sums. */
  String MARK_ROLLED = "UPDATE ingest_batch SET rolled = true WHERE seq = ANY($1::bigint[]) AND NOT rolled";

  /** Whether a write whose commit was not confirmed took effect: the count of its batches now rolled. */
  String COUNT_ROLLED = "SELECT count(*) FROM ingest_batch WHERE seq = ANY($1::bigint[]) AND rolled";

  /** How many batches are committed but not yet folded (the start-up log). */
  String COUNT_UNROLLED = "SELECT count(*) FROM ingest_batch WHERE NOT rolled";

  /** Batches committed but not yet folded (a crash or an outage between the two), oldest first. */
  String UNROLLED = "SELECT seq FROM ingest_batch WHERE NOT rolled ORDER BY seq LIMIT $1";

  /** The stored events of some batches, as the rollup deltas need them. */
  String EVENTS_OF_BATCHES = "SELECT id, type, post_id, workstation_id, occurred_at, local_day, outcome, "
      + "document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons, count, "
      + "period_minutes FROM event WHERE batch_seq = ANY($1::bigint[])";

  /** The first and last day held, as epoch days (start-up load slices). */
  String DAY_RANGE = "SELECT min(local_day) - DATE '1970-01-01', max(local_day) - DATE '1970-01-01' FROM rollup_block";

  /** One day-range slice of every block, as COPY text (start-up load; $1/$2 are quoted dates). */
  String COPY_SLICE = "COPY (SELECT local_day, cells FROM rollup_block WHERE local_day BETWEEN $1 AND $2) TO STDOUT";
}
